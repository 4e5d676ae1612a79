using Kasse.Forms;
using Kasse.Web.Documents;
using UglyToad.PdfPig;

namespace Kasse.Tests.Forms.Wire;

/// <summary>The control document as rendered: header in Berlin time, every answer wrapped inside the page, pages as needed.</summary>
public sealed class FormControlDocumentPdfTests
{
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly FormControlDocumentPdf Pdf = new(new DocumentFonts(null));

    private static FormSubmissionDocument Submission()
    {
        var unfall = new LocalizedText("Der Unfall", "The accident");
        var answers = new List<SubmittedAnswer>
        {
            new(unfall, new LocalizedText("Beschreibung", "Description"), string.Join(' ', Enumerable.Repeat("Ich bin auf der glatten Treppe ausgerutscht.", 40))),
            new(unfall, new LocalizedText("Lange Kennung", "Long identifier"), new string('X', 300)),
            new(unfall, new LocalizedText("Mehrzeilig", "Multi-line"), "erste Zeile\nzweite Zeile"),
        };
        var zeugen = new LocalizedText("Zeugen", "Witnesses");
        for (var i = 1; i <= 60; i++)
            answers.Add(new SubmittedAnswer(zeugen, new LocalizedText($"Zeuge {i}", $"Witness {i}"), $"Person Nummer {i}"));
        return new FormSubmissionDocument(
            Guid.NewGuid(), FormNames.Accident, 2, new LocalizedText("Unfallfragebogen", "Accident questionnaire"), "FS-0A1B2C3D4E",
            new DateTimeOffset(2026, 3, 12, 13, 5, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero),
            "Anna Bergmann", answers, Hash);
    }

    [Fact]
    public void The_german_control_document_has_header_times_every_answer_and_the_hash_across_pages_within_the_margins()
    {
        using var pdf = PdfDocument.Open(Pdf.Render(Submission(), FormControlDocumentTexts.German));

        var pages = pdf.GetPages().ToList();
        var text = string.Join("\n", pages.Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.True(pages.Count > 1, "the answers fill more than one page");
        Assert.Contains("Kontrolldokument: Unfallfragebogen", text, StringComparison.Ordinal);
        Assert.Contains("Vorgang FS-0A1B2C3D4E", text, StringComparison.Ordinal);
        Assert.Contains("Begonnen am 12.03.2026 14:05 MEZ", text, StringComparison.Ordinal);
        Assert.Contains("Eingereicht am 01.07.2026 10:00 MESZ von Anna Bergmann", text, StringComparison.Ordinal);
        Assert.Contains("Der Unfall", text, StringComparison.Ordinal);
        Assert.Contains("Zeugen", text, StringComparison.Ordinal);
        Assert.Contains("Zeuge 60", text, StringComparison.Ordinal);
        Assert.Contains("Person Nummer 60", text, StringComparison.Ordinal);
        Assert.Contains("zweite Zeile", text, StringComparison.Ordinal);
        Assert.Contains(Hash, text, StringComparison.Ordinal);
        Assert.Equal(300, text.Count(c => c == 'X'));
        Assert.Equal("Kontrolldokument: Unfallfragebogen · FS-0A1B2C3D4E", pdf.Information.Title);
        Assert.All(pages.SelectMany(p => p.Letters), letter => Assert.True(letter.BoundingBox.Right <= 595 - 56 + 1, $"'{letter.Value}' at {letter.BoundingBox.Right}"));
    }

    [Fact]
    public void The_english_control_document_uses_the_english_texts_of_the_form()
    {
        using var pdf = PdfDocument.Open(Pdf.Render(Submission(), FormControlDocumentTexts.For("en-GB")));

        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Control document: Accident questionnaire", text, StringComparison.Ordinal);
        Assert.Contains("Started 12/03/2026 14:05 CET", text, StringComparison.Ordinal);
        Assert.Contains("The accident", text, StringComparison.Ordinal);
        Assert.Contains("Witness 7", text, StringComparison.Ordinal);
        Assert.Contains("Content checksum (SHA-256)", text, StringComparison.Ordinal);
    }
}
