using SkiaSharp;

namespace Kasse.Web.Documents;

/// <summary>
/// Lays out lines of text on A4 pages of a SkiaSharp PDF, top to bottom, and starts a new page when one is full.
/// Long paragraphs wrap at spaces; a word wider than the line (a long IBAN-like run, a hash) breaks between characters.
/// </summary>
internal sealed class PdfPageWriter(SKDocument document, SKTypeface typeface) : IDisposable
{
    public const float PageWidth = 595f;
    public const float PageHeight = 842f;
    public const float Margin = 56f;
    private const float LineHeight = 15f;

    private SKCanvas? _canvas;
    private float _y;

    /// <summary>Room left on the page; a heading that would end up alone at the bottom starts a new page instead.</summary>
    public float Remaining => _canvas is null ? 0 : PageHeight - Margin - _y;

    public void Line(string text, float size, bool bold = false, float indent = 0)
    {
        var canvas = EnsureRoom();
        using var font = new SKFont(typeface, size) { Embolden = bold };
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(text, Margin + indent, _y, SKTextAlign.Left, font, paint);
        _y += Math.Max(LineHeight, size * 1.4f);
    }

    public void Wrapped(string text, float size, bool bold = false, float indent = 0)
    {
        using var font = new SKFont(typeface, size) { Embolden = bold };
        var width = PageWidth - 2 * Margin - indent;
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
                Line(line, size, bold, indent);
            line = word;
            // A single word wider than the line: break it where it no longer fits.
            while (font.MeasureText(line) > width)
            {
                var fits = FittingLength(font, line, width);
                Line(line[..fits], size, bold, indent);
                line = line[fits..];
            }
        }
        Line(line, size, bold, indent);
    }

    public void Gap(float height = 10f) => _y += height;

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void KeepTogether(float height)
    {
        if (_canvas is not null && Remaining < height)
            _y = PageHeight; // the next line opens a new page
    }

    private static int FittingLength(SKFont font, string text, float width)
    {
        var length = 1;
        while (length < text.Length && font.MeasureText(text.AsSpan(0, length + 1)) <= width)
            length++;
        return length;
    }

    private SKCanvas EnsureRoom()
    {
        if (_canvas is null || _y > PageHeight - Margin)
        {
            if (_canvas is not null)
                document.EndPage();
            _canvas = document.BeginPage(PageWidth, PageHeight);
            _y = Margin;
        }
        return _canvas;
    }

    public void Dispose()
    {
        if (_canvas is not null)
            document.EndPage();
        document.Close();
    }
}
