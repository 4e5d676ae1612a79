using SkiaSharp;

namespace Kasse.Web.Documents;

/// <summary>
/// The font of generated PDFs: DejaVu Sans (Debian <c>fonts-dejavu-core</c>, free licence) or the file named by
/// <c>Documents:FontPath</c>. Loaded once; the whole font is embedded in every document (no subsetting in SkiaSharp).
/// </summary>
public sealed class DocumentFonts(string? configuredPath)
{
    private static readonly string[] DefaultPaths =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ];

    private readonly Lazy<SKTypeface> _regular = new(() => Load(configuredPath));

    public SKTypeface Regular => _regular.Value;

    private static SKTypeface Load(string? configuredPath)
    {
        var path = configuredPath is { Length: > 0 } ? configuredPath : DefaultPaths.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
        {
            throw new InvalidOperationException(
                "No font for PDF documents: install fonts-dejavu-core or set Documents:FontPath to a TrueType file.");
        }
        return SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"Font {path} could not be read.");
    }
}
