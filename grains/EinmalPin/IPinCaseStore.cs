using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// The imported cases (<c>pin_cases</c>), insert-only. Written by the intake only (the import job in bulk with binary
/// COPY, the single-case API one by one); an existing case number is never changed.
/// </summary>
public interface IPinCaseStore
{
    /// <summary>Adds the cases whose number is new and returns those numbers; the others stay as they were.</summary>
    Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<PinCaseData> cases, Guid? importId, CancellationToken cancellationToken = default);

    Task<StoredPinCase?> FindAsync(string caseNumber);

    /// <summary>The cases of one import in case-number order, after <paramref name="afterCaseNumber"/> (paging).</summary>
    Task<IReadOnlyList<StoredPinCase>> ReadImportAsync(Guid importId, string? afterCaseNumber, int max);
}

/// <summary>An imported case with where and when it came in.</summary>
public sealed record StoredPinCase(PinCaseData Data, Guid? ImportId, DateTimeOffset ImportedAt);
