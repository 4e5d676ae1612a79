using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using ZXing.QrCode.Internal;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>
/// Reads the QR code of a letter page back: the filled rectangles in the code's place on the page are
/// laid on the module grid, and ZXing's QR decoder (format, error correction, payload) decodes that matrix.
/// </summary>
public static class QrCodeOnPage
{
    private const double Mm = 72 / 25.4;
    private const double QrLeftOf = 150 * Mm;
    private const double QrTopBelow = (297 - 100) * Mm;

    public static string Decode(Page page)
    {
        var rectangles = page.Paths.Where(p => p.IsFilled)
            .SelectMany(path => path)
            .Select(subpath => subpath.GetBoundingRectangle())
            .OfType<PdfRectangle>()
            .Where(r => r.Width > 0.1 && r.Height > 0.1)
            // The code stands right of the text column, below the address and information blocks (glyphs of the
            // embedded fonts are paths too).
            .Where(r => r.Left > QrLeftOf && r.Top < QrTopBelow)
            .ToList();
        Assert.NotEmpty(rectangles);
        var module = rectangles.Min(r => r.Height);
        var left = rectangles.Min(r => r.Left);
        var top = rectangles.Max(r => r.Top);
        var size = (int)Math.Round((rectangles.Max(r => r.Right) - left) / module);
        var matrix = Enumerable.Range(0, size).Select(_ => new bool[size]).ToArray();
        foreach (var r in rectangles)
        {
            var row = (int)Math.Round((top - r.Top) / module);
            var rows = (int)Math.Round(r.Height / module);
            var column = (int)Math.Round((r.Left - left) / module);
            var columns = (int)Math.Round(r.Width / module);
            for (var y = row; y < row + rows; y++)
            {
                for (var x = column; x < column + columns; x++)
                    matrix[y][x] = true;
            }
        }
        var decoded = new Decoder().decode(matrix, null);
        Assert.True(decoded is not null, $"{rectangles.Count} rectangles, module {module}, size {size}, heights {string.Join(",", rectangles.Select(r => Math.Round(r.Height, 2)).Distinct().Take(5))}\n" +
            string.Join("\n", matrix.Select(row => new string(row.Select(b => b ? '#' : '.').ToArray()))));
        return decoded.Text;
    }
}
