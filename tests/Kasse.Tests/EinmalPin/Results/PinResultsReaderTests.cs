using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin.Results;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.EinmalPin.Results;

/// <summary>
/// The status derivation of docs/einmalpin.md over seeded cases, secrets and events: the in-memory reader and the
/// PostgreSQL reader must agree case by case.
/// </summary>
public sealed class PinResultsReaderTests
{
    // 12:00 UTC = 13:00 in Berlin on 7 December 2026; that day runs from 6 Dec 23:00 UTC to 7 Dec 23:00 UTC.
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Today = Now.AddHours(-1);
    private static readonly DateOnly Day = new(2026, 12, 7);

    public static TheoryData<string> Readers => ["memory", "postgres"];

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Every_status_is_derived_from_the_cases_their_secrets_and_their_events(string kind)
    {
        var seed = ResultsSeed.EveryStatus("V-", Today, Now);
        var reader = await ReaderAsync(kind, seed);
        var (from, until) = PinResultsGrain.BerlinDay(Day);

        var all = (await reader.ReadChangesAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, 100, 100, Now)).Rows;

        Assert.Equal(
            ResultsSeed.ExpectedStatus.OrderBy(e => "V-" + e.Key, StringComparer.Ordinal).Select(e => ("V-" + e.Key, e.Value)),
            all.Select(r => (r.CaseNumber, r.Status)).OrderBy(r => r.CaseNumber, StringComparer.Ordinal));
        var counts = await reader.CountAsync(Now);
        Assert.Equal(
            ResultsSeed.ExpectedStatus.Values.GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count()),
            counts.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value));
        Assert.True(from < Today && Today < until);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task The_changes_of_a_day_are_the_cases_whose_status_time_falls_on_that_Berlin_day(string kind)
    {
        var seed = ResultsSeed.EveryStatus("V-", Today, Now);
        // 00:30 in Berlin on the 7th is still the 6th in UTC; 23:30 in Berlin on the 6th is not the 7th.
        seed.Case("V-MIDNIGHT", new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.Zero));
        seed.Case("V-EVENING", new DateTimeOffset(2026, 12, 6, 22, 30, 0, TimeSpan.Zero));
        var reader = await ReaderAsync(kind, seed);
        var (from, until) = PinResultsGrain.BerlinDay(Day);

        var rows = (await reader.ReadChangesAsync(from, until, null, 100, 100, Now)).Rows;

        Assert.Equal(
            ["V-AUTO", "V-CLERK", "V-DONE", "V-EXPLETTER", "V-EXPOPEN", "V-IMP", "V-LETTER", "V-MIDNIGHT", "V-OPEN", "V-REISSUED", "V-SUB", "V-SUBLATE"],
            rows.Select(r => r.CaseNumber).Order(StringComparer.Ordinal));
        var byCase = rows.ToDictionary(r => r.CaseNumber);
        Assert.Equal(new PinResultRow("V-AUTO", PinCaseType.SepaMandat, PinCaseStatus.ClosedAutomatically, Today.AddSeconds(4),
            ResultsSeed.StpRuleSet, 3, null, "sha256-auto"), byCase["V-AUTO"]);
        Assert.Equal(new PinResultRow("V-CLERK", PinCaseType.SepaMandat, PinCaseStatus.WithClerk, Today.AddSeconds(5),
            ResultsSeed.StpRuleSet, 3, ResultsSeed.PlainReason + " | " + ResultsSeed.FormulaReason, "sha256-clerk"), byCase["V-CLERK"]);
        // Closed by the clerk: the decision that sent it there names the rule set.
        Assert.Equal(new PinResultRow("V-DONE", PinCaseType.SepaMandat, PinCaseStatus.ClosedByClerk, Today.AddSeconds(6),
            ResultsSeed.StpRuleSet, 2, ResultsSeed.PlainReason, "sha256-done"), byCase["V-DONE"]);
        Assert.Equal(new PinResultRow("V-SUB", PinCaseType.SepaMandat, PinCaseStatus.Submitted, Today.AddSeconds(3),
            null, null, null, "sha256-sub"), byCase["V-SUB"]);
        // Expired at the moment its secrets ran out; nothing of a decision.
        Assert.Equal(new PinResultRow("V-EXPOPEN", PinCaseType.SepaMandat, PinCaseStatus.Expired, Now.AddSeconds(-30),
            null, null, null, null), byCase["V-EXPOPEN"]);
        Assert.Equal((PinCaseStatus.LetterExported, Today.AddSeconds(7)), (byCase["V-REISSUED"].Status, byCase["V-REISSUED"].StatusAt));
        Assert.Equal((PinCaseStatus.Imported, Today), (byCase["V-IMP"].Status, byCase["V-IMP"].StatusAt));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Pages_of_a_day_continue_after_the_last_case_number_without_gaps_or_repeats(string kind)
    {
        var seed = ResultsSeed.EveryStatus("V-", Today, Now);
        var reader = await ReaderAsync(kind, seed);
        var (from, until) = PinResultsGrain.BerlinDay(Day);
        var whole = (await reader.ReadChangesAsync(from, until, null, 100, 100, Now)).Rows;

        // Pages of at most 4 rows from windows of 5 cases: some steps end at a full page, some at the window's end.
        var paged = new List<PinResultRow>();
        var steps = 0;
        string? after = null;
        do
        {
            var step = await reader.ReadChangesAsync(from, until, after, 4, 5, Now);
            Assert.True(step.Rows.Count <= 4);
            paged.AddRange(step.Rows);
            after = step.ScannedThrough;
            steps++;
        }
        while (after is not null);

        Assert.Equal(whole, paged);
        Assert.Equal(whole.Count, paged.Select(r => r.CaseNumber).Distinct().Count());
        Assert.True(steps >= 3, $"{steps} steps"); // 12 cases in windows of 5
    }

    [Fact]
    public async Task A_store_without_cases_counts_nothing()
    {
        var reader = new InMemoryPinResultsReader(null, null, null);
        Assert.Empty(await reader.CountAsync(Now));
        var scan = await reader.ReadChangesAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, 10, 10, Now);
        Assert.Equal((0, null), (scan.Rows.Count, scan.ScannedThrough));
    }

    private static async Task<IPinResultsReader> ReaderAsync(string kind, ResultsSeed seed)
    {
        if (kind == "memory")
            return new InMemoryPinResultsReader(seed, seed, seed);
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("pinresults");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        await seed.WriteAsync(connectionString);
        return new PostgresPinResultsReader(NpgsqlDataSource.Create(connectionString));
    }
}
