using SkiaSharp;

namespace Kasse.Grains.EinmalPin.Letters;

/// <summary>
/// The fonts of the letters: DejaVu Sans for text and DejaVu Sans Mono Bold for the PIN (Debian <c>fonts-dejavu-core</c>,
/// free licence), or the files named by <c>Documents:FontPath</c> / <c>Documents:MonoFontPath</c>. Loaded once.
/// </summary>
public sealed class LetterFonts(string? regularPath, string? monoPath)
{
    private const string DejaVu = "/usr/share/fonts/truetype/dejavu/";
    private readonly Lazy<SKTypeface> _regular = new(() => Load(regularPath, [DejaVu + "DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf"]));
    private readonly Lazy<SKTypeface> _mono = new(() => Load(monoPath, [DejaVu + "DejaVuSansMono-Bold.ttf", "/usr/share/fonts/dejavu/DejaVuSansMono-Bold.ttf"], fallback: regularPath));

    public SKTypeface Regular => _regular.Value;

    public SKTypeface Mono => _mono.Value;

    private static SKTypeface Load(string? configured, string[] defaults, string? fallback = null)
    {
        var path = configured is { Length: > 0 } ? configured : defaults.FirstOrDefault(File.Exists);
        if (path is null && fallback is null)
            path = defaults.FirstOrDefault(File.Exists);
        path ??= fallback is { Length: > 0 } ? fallback : (DejaVu + "DejaVuSans.ttf");
        if (!File.Exists(path))
            throw new InvalidOperationException("No font for the PIN letters: install fonts-dejavu-core or set Documents:FontPath to a TrueType file.");
        return SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"Font {path} could not be read.");
    }
}
