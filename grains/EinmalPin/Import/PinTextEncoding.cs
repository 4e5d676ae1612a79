using System.Text;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>
/// Which encoding a print data stream is in: a UTF-8 byte order mark says UTF-8; otherwise the bytes are decoded as
/// strict UTF-8 and the first invalid sequence means Windows-1252 (older core systems write that; its umlauts are
/// single bytes that are never valid UTF-8 in German text). One pass over the bytes, in pieces: constant memory.
/// </summary>
public static class PinTextEncoding
{
    public const string Utf8WithBom = "UTF-8 (BOM)";
    public const string Utf8 = "UTF-8";
    public const string Windows1252 = "Windows-1252";

    private const int BufferSize = 64 * 1024;

    /// <summary>The Windows-1252 encoding (System.Text.Encoding.CodePages, part of .NET; not registered globally).</summary>
    public static Encoding Windows1252Encoding { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");

    /// <summary>The encoding of <paramref name="stream"/> (read from its position to the end or the first invalid UTF-8).</summary>
    public static async Task<(Encoding Encoding, string Name)> DetectAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var bytes = new byte[BufferSize];
        var chars = new char[BufferSize + 4];
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var first = true;
        while (true)
        {
            var read = await stream.ReadAtLeastAsync(bytes, first ? 3 : 1, throwOnEndOfStream: false, cancellationToken);
            if (first && read >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
                return (Encoding.UTF8, Utf8WithBom);
            first = false;
            try
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
            }
            catch (DecoderFallbackException)
            {
                return (Windows1252Encoding, Windows1252);
            }
            if (read == 0)
                return (Encoding.UTF8, Utf8);
        }
    }
}
