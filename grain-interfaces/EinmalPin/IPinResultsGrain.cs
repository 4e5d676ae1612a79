namespace Kasse.EinmalPin;

/// <summary>Reads over all cases (stateless worker): counts per status and STP rate, and the daily results export.</summary>
[Alias("Kasse.EinmalPin.IPinResultsGrain")]
public interface IPinResultsGrain : IGrainWithIntegerKey
{
    [Alias("GetCounts")]
    Task<PinStatusCounts> GetCounts();

    /// <summary>Cases whose status changed on <paramref name="day"/> (Europe/Berlin), by case number after <paramref name="after"/>.</summary>
    [Alias("ReadChanges")]
    Task<IReadOnlyList<PinResultRow>> ReadChanges(DateOnly day, string? after, int max);

    /// <summary>
    /// One bounded step of the daily results CSV (docs/einmalpin.md): at most <paramref name="max"/> rows from a window
    /// of cases after <paramref name="after"/>, so each call stays short whatever the day; continue with
    /// <see cref="PinResultsCsvPage.Next"/> until it is null. The first page (after null) starts with the header line;
    /// the caller adds the UTF-8 BOM. Added by h12-results: the cells are guarded by the grains' <c>CsvCells</c>, which
    /// the gateway cannot reference.
    /// </summary>
    [Alias("ReadCsvPage")]
    Task<PinResultsCsvPage> ReadCsvPage(DateOnly day, string? after, int max);
}

/// <summary>Cases per status; StpRate = closed automatically ÷ decided (automatically or routed to a clerk), 0 when none.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinStatusCounts")]
public sealed record PinStatusCounts(
    [property: Id(0)] IReadOnlyDictionary<PinCaseStatus, long> ByStatus,
    [property: Id(1)] long Total,
    [property: Id(2)] double StpRate);

/// <summary>One line of the daily results CSV for the core system.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinResultRow")]
public sealed record PinResultRow(
    [property: Id(0)] string CaseNumber,
    [property: Id(1)] PinCaseType CaseType,
    [property: Id(2)] PinCaseStatus Status,
    [property: Id(3)] DateTimeOffset StatusAt,
    [property: Id(4)] string? RuleSet,
    [property: Id(5)] int? RuleSetVersion,
    [property: Id(6)] string? Reasons,
    [property: Id(7)] string? ContentHash);
