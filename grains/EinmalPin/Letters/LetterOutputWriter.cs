using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin.PrintOutput;

namespace Kasse.Grains.EinmalPin.Letters;

/// <summary>
/// Writes letters into both print outputs (CSV and PDF) through sealing part streams. Used by one thread at a time
/// (the batch hands it to the thread pool for a page of letters, since PDF drawing is CPU work).
/// </summary>
public sealed class LetterOutputWriter : IDisposable
{
    private readonly SealedPartStream _csvStream;
    private readonly SealedPartStream _pdfStream;
    private readonly PinLetterCsv _csv;
    private readonly PinLetterPdf _pdf;

    public LetterOutputWriter(PrintOutputCipher cipher, LetterFonts fonts)
    {
        _csvStream = new SealedPartStream(cipher, PinPrintKind.Csv);
        _pdfStream = new SealedPartStream(cipher, PinPrintKind.Pdf);
        _csv = new PinLetterCsv(_csvStream);
        _pdf = new PinLetterPdf(_pdfStream, fonts);
    }

    public int CsvParts => _csvStream.Parts;

    public int PdfParts => _pdfStream.Parts;

    public void Write(IReadOnlyList<PinLetter> letters)
    {
        foreach (var letter in letters)
        {
            _csv.Add(letter);
            _pdf.Add(letter);
        }
    }

    /// <summary>Ends both documents and seals their last parts.</summary>
    public void Complete()
    {
        _pdf.Close();
        _csvStream.Complete();
        _pdfStream.Complete();
    }

    public IReadOnlyList<(int Part, byte[] Sealed)> TakeSealed(PinPrintKind kind) =>
        kind == PinPrintKind.Csv ? _csvStream.TakeSealed() : _pdfStream.TakeSealed();

    public void Dispose()
    {
        _pdf.Dispose();
        _csvStream.Dispose();
        _pdfStream.Dispose();
    }
}
