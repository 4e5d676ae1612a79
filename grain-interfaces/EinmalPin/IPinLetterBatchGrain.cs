namespace Kasse.EinmalPin;

/// <summary>
/// One letter batch, keyed by its id ("import-{importId:N}" for the cases of an import, or a new id for a requested
/// batch). Issues the secrets of its cases (hashing in parallel on every core), and produces the print shop's output: a
/// CSV and a PDF of the letters with QR codes, kept encrypted until the fetch period ends, then purged.
/// </summary>
[Alias("Kasse.EinmalPin.IPinLetterBatchGrain")]
public interface IPinLetterBatchGrain : IGrainWithStringKey
{
    /// <summary>
    /// The batch of an import's new cases; follows the import while it runs (the import calls
    /// <see cref="ImportProgressed"/>), so letters are produced as cases arrive. Cases that already have secrets are
    /// skipped (a re-import issues no second PIN). Idempotent.
    /// </summary>
    [Alias("StartForImport")]
    Task<PinLetterBatchView> StartForImport(Guid importId);

    /// <summary>The import committed more cases (or finished): wake up.</summary>
    [Alias("ImportProgressed")]
    Task ImportProgressed(bool finished);

    /// <summary>A requested batch for named cases (at most 10,000); <c>reissue</c> replaces existing secrets. Idempotent.</summary>
    [Alias("StartForCases")]
    Task<PinLetterBatchView> StartForCases(IReadOnlyList<string> caseNumbers, bool reissue, string requestedBy);

    [Alias("GetView")]
    Task<PinLetterBatchView> GetView();

    /// <summary>
    /// One part (at most 1 MiB, decrypted) of the print output, for an Integrator (audited by the caller); null past the
    /// last part. Throws <see cref="PinErrors.PrintOutputGone"/> when purged or not produced yet.
    /// </summary>
    [Alias("ReadPrintPart")]
    Task<byte[]?> ReadPrintPart(PinPrintKind kind, int part, string readerId);

    /// <summary>Deletes the print output now (the print shop confirms receipt); the purge runs by itself at expiry too.</summary>
    [Alias("Purge")]
    Task<PinLetterBatchView> Purge(string requestedBy);
}

public enum PinPrintKind
{
    Csv = 1,
    Pdf = 2,
}

public enum PinLetterBatchStatus
{
    Running = 0,
    Completed = 1,
    Purged = 2,
    Failed = 3,
}

[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinLetterBatchView")]
public sealed record PinLetterBatchView(
    [property: Id(0)] string BatchId,
    [property: Id(1)] Guid? ImportId,
    [property: Id(2)] PinLetterBatchStatus Status,
    [property: Id(3)] long Letters,
    [property: Id(4)] int CsvParts,
    [property: Id(5)] int PdfParts,
    [property: Id(6)] DateTimeOffset? CompletedAt,
    [property: Id(7)] DateTimeOffset? AvailableUntil,
    [property: Id(8)] DateTimeOffset? PurgedAt,
    [property: Id(9)] string? Failure);
