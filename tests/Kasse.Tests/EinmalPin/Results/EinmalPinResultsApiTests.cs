using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin.Results;
using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Tests.EinmalPin.Results;

/// <summary>Counts for admins and the daily results CSV for integrators, on a real host over PostgreSQL with seeded cases.</summary>
public sealed partial class EinmalPinResultsApiTests(EinmalPinResultsApiTests.SeededHost fixture) : IClassFixture<EinmalPinResultsApiTests.SeededHost>
{
    private const int PagedCases = 2_345;
    private static readonly DateOnly PagedDay = new(2026, 1, 15);

    private KasseTestHost Host => fixture.Host;

    [Fact]
    public async Task Admin_sees_the_cases_per_status_and_the_stp_rate()
    {
        using var admin = Host.CreateClient(await Host.SignInAsync("admin"));

        var counts = await admin.GetFromJsonAsync<JsonElement>("/api/einmalpin/counts");

        var byStatus = counts.GetProperty("byStatus");
        Assert.Equal(1 + PagedCases, byStatus.GetProperty("Imported").GetInt64());
        Assert.Equal(3, byStatus.GetProperty("LetterExported").GetInt64());
        Assert.Equal(1, byStatus.GetProperty("Opened").GetInt64());
        Assert.Equal(2, byStatus.GetProperty("Submitted").GetInt64());
        Assert.Equal(1, byStatus.GetProperty("ClosedAutomatically").GetInt64());
        Assert.Equal(2, byStatus.GetProperty("WithClerk").GetInt64());
        Assert.Equal(1, byStatus.GetProperty("ClosedByClerk").GetInt64());
        Assert.Equal(2, byStatus.GetProperty("Expired").GetInt64());
        Assert.Equal(13 + PagedCases, counts.GetProperty("total").GetInt64());
        Assert.Equal(0.25, counts.GetProperty("stpRate").GetDouble()); // 1 automatically ÷ (1 + 2 with clerk + 1 closed by clerk)
    }

    [Fact]
    public async Task Integrator_downloads_the_daily_results_as_csv_with_bom_semicolons_crlf_and_no_formula_cell()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));

        using var response = await integrator.GetAsync($"/api/einmalpin/results/{fixture.Day:yyyy-MM-dd}.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"einmalpin-ergebnisse-{fixture.Day:yyyy-MM-dd}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(BareLineFeed(), text);
        var lines = text[..^2].Split("\r\n");
        Assert.Equal("Vorgangsnummer;Vorgangsart;Status;Statuszeit;Regelwerk;Regelwerk_Version;Gruende;Pruefsumme", lines[0]);

        var at = (int seconds) => fixture.Today.AddSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"H-AUTO;SEPA_MANDAT;ClosedAutomatically;{at(4)};stp.sepa-mandat;3;;sha256-auto", lines);
        Assert.Contains($"H-CLERK;SEPA_MANDAT;WithClerk;{at(5)};stp.sepa-mandat;3;\"IBAN nicht aus Deutschland | =HYPERLINK(\"\"http://example.org\"\";\"\"klick\"\")\";sha256-clerk", lines);
        Assert.Contains($"H-IMP;SEPA_MANDAT;Imported;{at(0)};;;;", lines);
        // A case number and a reason that start like formulas are neutralised.
        Assert.Contains($"'-2026-0001;STEUER_ID;WithClerk;{at(5)};stp.sepa-mandat;1;\"'=HYPERLINK(\"\"http://example.org\"\";\"\"klick\"\")\";sha256-formula", lines);
        Assert.All(lines, line => Assert.DoesNotMatch(FormulaCell(), line));
        Assert.Equal(12, lines.Length - 1); // every seeded case but the old letter, no case of another day
    }

    [Fact]
    public async Task A_day_larger_than_one_page_streams_every_case_once_in_case_number_order()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));

        var text = await integrator.GetStringAsync($"/api/einmalpin/results/{PagedDay:yyyy-MM-dd}.csv");

        var numbers = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')[0]).ToList();
        Assert.Equal(PagedCases, numbers.Count);
        Assert.Equal(Enumerable.Range(1, PagedCases).Select(i => $"P{i:D6}"), numbers);
    }

    [Fact]
    public async Task Only_integrators_fetch_the_results_and_only_admins_the_counts()
    {
        var day = $"/api/einmalpin/results/{fixture.Day:yyyy-MM-dd}.csv";
        using var admin = Host.CreateClient(await Host.SignInAsync("admin"));
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var agent = Host.CreateClient(await Host.SignInAsync("agent-kaya"));

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(day)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(day)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/einmalpin/counts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await integrator.GetAsync("/api/einmalpin/counts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Http.GetAsync(day)).StatusCode);
    }

    [Fact]
    public async Task A_day_that_is_not_yyyy_MM_dd_is_refused_with_problem_details()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));

        using var response = await integrator.GetAsync("/api/einmalpin/results/07.12.2026.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("day", out _));
    }

    [GeneratedRegex("(?<!\r)\n")]
    private static partial Regex BareLineFeed();

    // A raw (unquoted or quoted) cell whose first character would start a formula.
    [GeneratedRegex("(^|;)\"?[=+@\t-]")]
    private static partial Regex FormulaCell();

    /// <summary>A host on PostgreSQL with <see cref="ResultsSeed.EveryStatus"/> for today, a formula case, and a large older day.</summary>
    public sealed class SeededHost : IAsyncLifetime
    {
        private KasseTestHost? _host;

        public KasseTestHost Host => _host ?? throw new InvalidOperationException("host not started");

        /// <summary>Today in Berlin, and the moment today's seeded changes happened.</summary>
        public DateOnly Day { get; private set; }

        public DateTimeOffset Today { get; private set; }

        public async Task InitializeAsync()
        {
            var postgres = await PostgresServer.SharedAsync();
            var connectionString = await postgres.CreateDatabaseAsync("pinresultsapi");
            _host = await KasseTestHost.StartAsync(settings: new Dictionary<string, string>
            {
                ["ConnectionStrings:Kasse"] = connectionString,
                ["EinmalPin:ServerSecret"] = Convert.ToBase64String(new byte[32]),
            });

            // Everything of "today" lies between the start of the Berlin day and now, whenever the test runs.
            var now = DateTimeOffset.UtcNow;
            Day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
            var (dayStart, _) = PinResultsGrain.BerlinDay(Day);
            var sinceStart = now - dayStart;
            Today = dayStart + sinceStart / 3;
            var seed = ResultsSeed.EveryStatus("H-", Today, now, expiredAt: dayStart + sinceStart * 2 / 3);
            seed.Case("-2026-0001", Today, PinCaseType.SteuerId).Secret("-2026-0001", 1, Today, now.AddDays(30))
                .Submitted("-2026-0001", Today.AddSeconds(2), "sha256-formula")
                .Decision("-2026-0001", PinCaseEventKind.WithClerk, Today.AddSeconds(5), 1, [ResultsSeed.FormulaReason]);
            await seed.WriteAsync(connectionString);

            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var paged = dataSource.CreateCommand("""
                INSERT INTO pin_cases (case_number, case_type, kvnr, first_name, last_name, birth_date, street, postal_code, city, deadline, imported_at)
                SELECT 'P' || lpad(i::text, 6, '0'), 1, 'A123456780', 'Erika', 'Mustermann', '1980-01-01', 'Weg 1', '10115', 'Berlin', '2026-03-01',
                       '2026-01-15 10:00:00+00'::timestamptz + i * interval '1 second'
                FROM generate_series(1, $1) AS i
                """);
            paged.Parameters.AddWithValue(PagedCases);
            await paged.ExecuteNonQueryAsync();
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
                await _host.DisposeAsync();
        }
    }
}
