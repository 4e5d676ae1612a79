using System.Text.Json;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.EinmalPin.Results;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Tests.EinmalPin.Results;

/// <summary>
/// Cases in every status, written straight into the stores (cases, secrets, events) the way the intake, the letter
/// production and the case grain write them; the same seed goes into memory and into PostgreSQL.
/// </summary>
public sealed class ResultsSeed : IPinCaseScan, IPinSecretScan, IPinCaseEventScan
{
    public const string StpRuleSet = "stp.sepa-mandat";
    public const string FormulaReason = "=HYPERLINK(\"http://example.org\";\"klick\")";
    public const string PlainReason = "IBAN nicht aus Deutschland";

    private readonly List<StoredPinCase> _cases = [];
    private readonly List<PinSecretRecord> _secrets = [];
    private readonly List<PinCaseEventRecord> _events = [];

    public IReadOnlyList<StoredPinCase> ScanCases() => _cases;

    public IReadOnlyList<PinSecretRecord> ScanSecrets() => _secrets;

    public IReadOnlyList<PinCaseEventRecord> ScanEvents() => _events;

    /// <summary>
    /// One case per status (plus a reissue, a submission after expiry and an old letter), everything that happened
    /// "today" at <paramref name="today"/> plus a few seconds, and expiries at <paramref name="expiredAt"/> (default: just
    /// before <paramref name="now"/>).
    /// Expected as of <paramref name="now"/>: see <see cref="ExpectedStatus"/>.
    /// </summary>
    public static ResultsSeed EveryStatus(string prefix, DateTimeOffset today, DateTimeOffset now, DateTimeOffset? expiredAt = null)
    {
        var seed = new ResultsSeed();
        var longAgo = today.AddDays(-61);
        var expired = expiredAt ?? now.AddSeconds(-30);
        var valid = now.AddDays(59);

        seed.Case(prefix + "IMP", today);

        seed.Case(prefix + "LETTER", today).Secret(prefix + "LETTER", 1, today.AddSeconds(1), valid);

        seed.Case(prefix + "OPEN", today).Secret(prefix + "OPEN", 1, today, valid)
            .Event(prefix + "OPEN", PinCaseEventKind.Opened, today.AddSeconds(2));

        seed.Case(prefix + "SUB", today).Secret(prefix + "SUB", 1, today, valid)
            .Event(prefix + "SUB", PinCaseEventKind.Opened, today.AddSeconds(1))
            .Submitted(prefix + "SUB", today.AddSeconds(3), "sha256-sub");

        seed.Case(prefix + "AUTO", today).Secret(prefix + "AUTO", 1, today, valid)
            .Event(prefix + "AUTO", PinCaseEventKind.Opened, today.AddSeconds(1))
            .Submitted(prefix + "AUTO", today.AddSeconds(2), "sha256-auto")
            .Decision(prefix + "AUTO", PinCaseEventKind.ClosedAutomatically, today.AddSeconds(4), 3, []);

        seed.Case(prefix + "CLERK", today).Secret(prefix + "CLERK", 1, today, valid)
            .Event(prefix + "CLERK", PinCaseEventKind.Opened, today.AddSeconds(1))
            .Submitted(prefix + "CLERK", today.AddSeconds(2), "sha256-clerk")
            .Decision(prefix + "CLERK", PinCaseEventKind.WithClerk, today.AddSeconds(5), 3, [PlainReason, FormulaReason]);

        seed.Case(prefix + "DONE", today).Secret(prefix + "DONE", 1, today, valid)
            .Event(prefix + "DONE", PinCaseEventKind.Opened, today.AddSeconds(1))
            .Submitted(prefix + "DONE", today.AddSeconds(2), "sha256-done")
            .Decision(prefix + "DONE", PinCaseEventKind.WithClerk, today.AddSeconds(3), 2, [PlainReason])
            .Event(prefix + "DONE", PinCaseEventKind.ClosedByClerk, today.AddSeconds(6), """{"agentId":"agent-kaya"}""");

        // Opened, then the secrets ran out before a submission.
        seed.Case(prefix + "EXPOPEN", longAgo).Secret(prefix + "EXPOPEN", 1, longAgo, expired)
            .Event(prefix + "EXPOPEN", PinCaseEventKind.Opened, longAgo.AddDays(1));

        // A letter nobody answered.
        seed.Case(prefix + "EXPLETTER", longAgo).Secret(prefix + "EXPLETTER", 1, longAgo, expired);

        // The first letter expired, the insured asked for a new one: the valid issue is the second.
        seed.Case(prefix + "REISSUED", longAgo).Secret(prefix + "REISSUED", 1, longAgo, expired)
            .Event(prefix + "REISSUED", PinCaseEventKind.Opened, longAgo.AddDays(1))
            .Secret(prefix + "REISSUED", 2, today.AddSeconds(7), valid)
            .Event(prefix + "REISSUED", PinCaseEventKind.Reissued, today.AddSeconds(7));

        // Submitted in time: the expiry of the secrets afterwards changes nothing.
        seed.Case(prefix + "SUBLATE", longAgo).Secret(prefix + "SUBLATE", 1, longAgo, expired)
            .Event(prefix + "SUBLATE", PinCaseEventKind.Opened, today.AddSeconds(1))
            .Submitted(prefix + "SUBLATE", today.AddSeconds(8), "sha256-sublate");

        // An older letter: counted, but not a change of today.
        seed.Case(prefix + "OLD", today.AddDays(-3)).Secret(prefix + "OLD", 1, today.AddDays(-3), valid);
        return seed;
    }

    /// <summary>What <see cref="EveryStatus"/> derives, per case-number suffix.</summary>
    public static IReadOnlyDictionary<string, PinCaseStatus> ExpectedStatus { get; } = new Dictionary<string, PinCaseStatus>
    {
        ["IMP"] = PinCaseStatus.Imported,
        ["LETTER"] = PinCaseStatus.LetterExported,
        ["OPEN"] = PinCaseStatus.Opened,
        ["SUB"] = PinCaseStatus.Submitted,
        ["AUTO"] = PinCaseStatus.ClosedAutomatically,
        ["CLERK"] = PinCaseStatus.WithClerk,
        ["DONE"] = PinCaseStatus.ClosedByClerk,
        ["EXPOPEN"] = PinCaseStatus.Expired,
        ["EXPLETTER"] = PinCaseStatus.Expired,
        ["REISSUED"] = PinCaseStatus.LetterExported,
        ["SUBLATE"] = PinCaseStatus.Submitted,
        ["OLD"] = PinCaseStatus.LetterExported,
    };

    public ResultsSeed Case(string caseNumber, DateTimeOffset importedAt, PinCaseType type = PinCaseType.SepaMandat)
    {
        var data = new PinCaseData(caseNumber, type, "A123456780", "Jürgen", "Weiß", new DateOnly(1970, 5, 17),
            "Hauptstr. 12a", "01067", "Dresden", new DateOnly(2027, 1, 31), "DE89370400440532013000");
        _cases.Add(new StoredPinCase(data, null, importedAt));
        return this;
    }

    public ResultsSeed Secret(string caseNumber, int issueNo, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var unique = Guid.NewGuid().ToByteArray();
        _secrets.Add(new PinSecretRecord(caseNumber, issueNo, "batch-test", [.. unique, 1], [.. unique, 2], [3], [4], 10_000, issuedAt, expiresAt));
        return this;
    }

    public ResultsSeed Event(string caseNumber, PinCaseEventKind kind, DateTimeOffset at, string? detail = null)
    {
        var seq = _events.Count(e => e.CaseNumber == caseNumber) + 1;
        _events.Add(new PinCaseEventRecord(caseNumber, seq, kind, at, detail));
        return this;
    }

    public ResultsSeed Submitted(string caseNumber, DateTimeOffset at, string contentHash) =>
        Event(caseNumber, PinCaseEventKind.Submitted, at,
            JsonSerializer.Serialize(new { formSessionId = Guid.NewGuid(), contentHash }));

    public ResultsSeed Decision(string caseNumber, PinCaseEventKind kind, DateTimeOffset at, int version, string[] reasons) =>
        Event(caseNumber, kind, at, JsonSerializer.Serialize(new { ruleSet = StpRuleSet, ruleSetVersion = version, reasons, workItemId = (string?)null }));

    /// <summary>Writes the seed into the 0018 tables.</summary>
    public async Task WriteAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY pin_cases (case_number, case_type, kvnr, first_name, last_name, birth_date, street, postal_code, city, deadline, prefill_iban, import_id, imported_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var stored in _cases)
            {
                var d = stored.Data;
                await copy.WriteRowAsync(default, d.CaseNumber, (short)d.CaseType, d.Kvnr, d.FirstName, d.LastName, d.BirthDate, d.Street,
                    d.PostalCode, d.City, d.Deadline, d.PrefillIban, DBNull.Value, stored.ImportedAt);
            }
            await copy.CompleteAsync();
        }
        foreach (var s in _secrets)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO pin_secrets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", connection);
            foreach (var value in new object[] { s.CaseNumber, s.IssueNo, s.BatchId, s.TokenHash, s.PinLookup, s.PinSalt, s.PinHash, s.Iterations, s.IssuedAt, s.ExpiresAt })
                insert.Parameters.AddWithValue(value);
            await insert.ExecuteNonQueryAsync();
        }
        foreach (var e in _events)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO pin_case_events VALUES ($1, $2, $3, $4, $5)", connection);
            insert.Parameters.AddWithValue(e.CaseNumber);
            insert.Parameters.AddWithValue(e.Seq);
            insert.Parameters.AddWithValue((short)e.Kind);
            insert.Parameters.AddWithValue(e.At);
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)e.DetailJson ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync();
        }
    }
}
