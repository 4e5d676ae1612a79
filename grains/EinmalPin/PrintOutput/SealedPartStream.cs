using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.PrintOutput;

/// <summary>
/// A write-only stream that cuts what is written into parts of <see cref="PartBytes"/>, seals each part as soon as it is
/// full and keeps it until <see cref="TakeSealed"/> hands it to the store: a 100 MB PDF never sits in memory whole,
/// and no clear part outlives its sealing.
/// </summary>
public sealed class SealedPartStream(PrintOutputCipher cipher, PinPrintKind kind, int partBytes = SealedPartStream.PartBytes) : Stream
{
    public const int PartBytes = 1 << 20;

    private readonly byte[] _buffer = new byte[partBytes];
    private readonly Lock _lock = new();
    private readonly List<(int Part, byte[] Sealed)> _sealed = [];
    private int _filled;
    private long _length;

    /// <summary>Parts sealed so far (the number of the next part).</summary>
    public int Parts { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            _length += take;
            buffer = buffer[take..];
            if (_filled == _buffer.Length)
                SealBuffer();
        }
    }

    /// <summary>Seals the last, shorter part; call once when the document is complete.</summary>
    public void Complete()
    {
        if (_filled > 0)
            SealBuffer();
        Array.Clear(_buffer);
    }

    /// <summary>The parts sealed since the last call, in order.</summary>
    public IReadOnlyList<(int Part, byte[] Sealed)> TakeSealed()
    {
        lock (_lock)
        {
            var taken = _sealed.ToList();
            _sealed.Clear();
            return taken;
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void SealBuffer()
    {
        var sealedPart = cipher.Seal(kind, Parts, _buffer.AsSpan(0, _filled));
        lock (_lock)
            _sealed.Add((Parts, sealedPart));
        Parts++;
        _filled = 0;
    }
}
