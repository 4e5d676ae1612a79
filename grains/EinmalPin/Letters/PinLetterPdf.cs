using Kasse.EinmalPin;
using SkiaSharp;

namespace Kasse.Grains.EinmalPin.Letters;

/// <summary>
/// The print PDF: one A4 page per letter after DIN 5008 form B (sender line and address in the window of a DL envelope),
/// the subject by case type, a short German text, the case number, the PIN in large grouped monospace, the link, its QR
/// code and the validity date. Pages go to the stream as they are finished (SkiaSharp writes each page when it ends).
/// </summary>
public sealed class PinLetterPdf : IDisposable
{
    private const float Mm = 72f / 25.4f;
    private const float PageWidth = 210 * Mm;
    private const float PageHeight = 297 * Mm;
    private const float Left = 25 * Mm;
    private const float Right = 20 * Mm;
    private const float TextWidth = PageWidth - Left - Right;
    private const float QrSize = 38 * Mm;

    private readonly SKDocument _document;
    private readonly SKFont _small;
    private readonly SKFont _body;
    private readonly SKFont _bold;
    private readonly SKFont _pin;
    private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKPaint _rule = new() { Color = SKColors.Black, IsAntialias = true, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
    private bool _closed;

    public PinLetterPdf(Stream output, LetterFonts fonts)
    {
        _document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = "EinmalPIN-Briefe",
            Author = "Kasse.Orleans",
            Creation = DateTime.UtcNow,
        });
        _small = new SKFont(fonts.Regular, 7f);
        _body = new SKFont(fonts.Regular, 10f);
        _bold = new SKFont(fonts.Regular, 11f) { Embolden = true };
        _pin = new SKFont(fonts.Mono, 24f);
    }

    public long Pages { get; private set; }

    public void Add(PinLetter letter)
    {
        var data = letter.Case;
        var canvas = _document.BeginPage(PageWidth, PageHeight);

        // Address field (form B: 45 mm from the top, 20 mm from the left edge, 85 × 45 mm): sender line, then address.
        canvas.DrawText(PinLetterTexts.Sender, 20 * Mm + 5 * Mm, 50 * Mm, SKTextAlign.Left, _small, _ink);
        canvas.DrawLine(25 * Mm, 51 * Mm, 100 * Mm, 51 * Mm, _rule);
        var y = 63 * Mm;
        foreach (var line in new[] { $"{data.FirstName} {data.LastName}", data.Street, $"{data.PostalCode} {data.City}" })
        {
            canvas.DrawText(line, Left, y, SKTextAlign.Left, _body, _ink);
            y += 4.5f * Mm;
        }

        // Information block right of the window.
        canvas.DrawText("Vorgangsnummer", 125 * Mm, 55 * Mm, SKTextAlign.Left, _small, _ink);
        canvas.DrawText(data.CaseNumber, 125 * Mm, 60 * Mm, SKTextAlign.Left, _body, _ink);
        canvas.DrawText("Datum", 125 * Mm, 67 * Mm, SKTextAlign.Left, _small, _ink);
        canvas.DrawText(LetterDates.Format(letter.LetterDate), 125 * Mm, 72 * Mm, SKTextAlign.Left, _body, _ink);

        y = 103 * Mm;
        canvas.DrawText(PinLetterTexts.Subject(data.CaseType), Left, y, SKTextAlign.Left, _bold, _ink);
        y += 10 * Mm;
        canvas.DrawText(PinLetterTexts.Greeting(data), Left, y, SKTextAlign.Left, _body, _ink);
        y += 7 * Mm;
        y = Wrapped(canvas, PinLetterTexts.Body(data), y, _body, TextWidth);

        // The secrets: PIN and link on the left, the QR code of the link on the right.
        y += 8 * Mm;
        var qrTop = y;
        canvas.DrawText("Ihre persönliche PIN", Left, y, SKTextAlign.Left, _body, _ink);
        y += 11 * Mm;
        canvas.DrawText(PinFormat.Grouped(letter.Pin), Left, y, SKTextAlign.Left, _pin, _ink);
        y += 10 * Mm;
        canvas.DrawText("Ihr Link", Left, y, SKTextAlign.Left, _body, _ink);
        y += 5 * Mm;
        y = Wrapped(canvas, letter.Link, y, _body, TextWidth - QrSize - 8 * Mm, breakAnywhere: true);
        y += 3 * Mm;
        canvas.DrawText(PinLetterTexts.ValidUntil(letter.ValidUntil), Left, y, SKTextAlign.Left, _bold, _ink);
        using (var qr = QrPath.Create(letter.Link, QrSize))
        {
            canvas.Save();
            canvas.Translate(PageWidth - Right - QrSize, qrTop - 4 * Mm);
            canvas.DrawPath(qr, _ink);
            canvas.Restore();
        }

        y = Math.Max(y, qrTop + QrSize) + 12 * Mm;
        foreach (var line in PinLetterTexts.Closing.Split('\n'))
        {
            canvas.DrawText(line, Left, y, SKTextAlign.Left, _body, _ink);
            y += 5 * Mm;
        }
        _document.EndPage();
        Pages++;
    }

    /// <summary>Ends the document (writes fonts and the cross-reference table); call once after the last letter.</summary>
    public void Close()
    {
        if (_closed)
            return;
        _closed = true;
        if (Pages == 0)
        {
            // A PDF needs a page: an empty batch prints one that says so.
            var canvas = _document.BeginPage(PageWidth, PageHeight);
            canvas.DrawText("Keine Briefe in diesem Stapel.", Left, 50 * Mm, SKTextAlign.Left, _body, _ink);
            _document.EndPage();
        }
        _document.Close();
    }

    public void Dispose()
    {
        _document.Dispose();
        _small.Dispose();
        _body.Dispose();
        _bold.Dispose();
        _pin.Dispose();
        _ink.Dispose();
        _rule.Dispose();
    }

    private float Wrapped(SKCanvas canvas, string text, float y, SKFont font, float width, bool breakAnywhere = false)
    {
        var lineHeight = font.Size * 1.45f;
        var words = breakAnywhere ? [text] : text.Split(' ');
        var line = "";
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                canvas.DrawText(line, Left, y, SKTextAlign.Left, font, _ink);
                y += lineHeight;
            }
            line = word;
            while (font.MeasureText(line) > width)
            {
                var fits = 1;
                while (fits < line.Length && font.MeasureText(line.AsSpan(0, fits + 1)) <= width)
                    fits++;
                canvas.DrawText(line[..fits], Left, y, SKTextAlign.Left, font, _ink);
                y += lineHeight;
                line = line[fits..];
            }
        }
        if (line.Length > 0)
        {
            canvas.DrawText(line, Left, y, SKTextAlign.Left, font, _ink);
            y += lineHeight;
        }
        return y;
    }
}
