using System.Collections.Concurrent;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>
/// The imported cases for letter tests, filled by the test itself (the intake is another area's): the same contract as
/// the real store — insert-only, an import's cases in case-number order.
/// </summary>
public sealed class ListPinCaseStore : IPinCaseStore
{
    private readonly ConcurrentDictionary<string, StoredPinCase> _cases = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<PinCaseData> cases, Guid? importId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(cases
            .Where(c => _cases.TryAdd(c.CaseNumber, new StoredPinCase(c, importId, DateTimeOffset.UtcNow)))
            .Select(c => c.CaseNumber).ToList());

    public Task<StoredPinCase?> FindAsync(string caseNumber) => Task.FromResult(_cases.GetValueOrDefault(caseNumber));

    public Task<IReadOnlyList<StoredPinCase>> ReadImportAsync(Guid importId, string? afterCaseNumber, int max) =>
        Task.FromResult<IReadOnlyList<StoredPinCase>>(_cases.Values
            .Where(c => c.ImportId == importId && (afterCaseNumber is null || string.CompareOrdinal(c.Data.CaseNumber, afterCaseNumber) > 0))
            .OrderBy(c => c.Data.CaseNumber, StringComparer.Ordinal).Take(max).ToList());

    /// <summary>A case with plausible data; the number must be unique across the test run.</summary>
    public static PinCaseData Case(string caseNumber, string firstName = "Erika", string lastName = "Mustermann", string street = "Hauptstraße 1") =>
        new(caseNumber, PinCaseType.SteuerId, "A123456780", firstName, lastName, new DateOnly(1970, 5, 17), street, "10115", "Berlin",
            new DateOnly(2027, 3, 31));
}
