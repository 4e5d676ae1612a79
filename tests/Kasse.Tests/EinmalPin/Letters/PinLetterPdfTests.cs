using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin.Letters;
using Kasse.Grains.EinmalPin.Secrets;
using UglyToad.PdfPig;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>The letter page as the print shop gets it, read back from the PDF.</summary>
public sealed class PinLetterPdfTests
{
    [Theory]
    [InlineData(PinCaseType.SteuerId, "Steuer-Identifikationsnummer")]
    [InlineData(PinCaseType.SepaMandat, "SEPA-Lastschriftmandat")]
    [InlineData(PinCaseType.Unfallfragebogen, "Unfall")]
    public void A_letter_page_shows_address_subject_case_number_grouped_pin_link_validity_and_a_qr_code_of_the_link(PinCaseType type, string subject)
    {
        var data = ListPinCaseStore.Case("V2026000042") with { CaseType = type };
        var pin = PinSecrets.NewPin();
        var letter = new PinLetter(data, pin, "https://kasse.example/pin/#t=AbCdEfGhIjKlMnOpQrStUv", new DateOnly(2027, 2, 5), new DateOnly(2026, 12, 7));
        using var output = new MemoryStream();
        using (var pdf = new PinLetterPdf(output, new LetterFonts(null, null)))
        {
            pdf.Add(letter);
            pdf.Close();
        }

        using var document = PdfDocument.Open(output.ToArray());
        var page = Assert.Single(document.GetPages());
        var text = string.Join(" ", page.GetWords().Select(w => w.Text));
        Assert.Contains("Erika Mustermann", text, StringComparison.Ordinal);
        Assert.Contains("Hauptstraße 1", text, StringComparison.Ordinal);
        Assert.Contains("10115 Berlin", text, StringComparison.Ordinal);
        Assert.Contains(subject, text, StringComparison.Ordinal);
        Assert.Contains("V2026000042", text, StringComparison.Ordinal);
        Assert.Contains(PinFormat.Grouped(pin), text, StringComparison.Ordinal);
        Assert.Contains(letter.Link, text, StringComparison.Ordinal);
        Assert.Contains("Gültig bis 05.02.2027", text, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(text, pin[..4])); // the PIN once, nowhere else on the page
        Assert.Equal(letter.Link, QrCodeOnPage.Decode(page));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
            count++;
        return count;
    }
}
