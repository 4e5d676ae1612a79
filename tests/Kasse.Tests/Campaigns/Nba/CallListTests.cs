using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Audit;
using Kasse.Grains.Campaigns.Dwh;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>The daily call list per team as CSV, reserved under the policy, and the call results coming back.</summary>
public sealed class CallListTests(NbaHostFixture fixture) : IClassFixture<NbaHostFixture>
{
    private static CustomerMasterRecord Master(CustomerPseudonyms pseudonyms, string kvnr, string postalCode, string? phone, bool consent, string givenName = "Erika") =>
        new(pseudonyms.KeyOf(kvnr), kvnr, givenName, "Musterfrau", new DateOnly(1980, 5, 1), "Hauptstr. 1", postalCode, "Ort", phone,
            null, PreferredChannel.Telefon, consent, false, null);

    [Fact]
    public async Task A_team_gets_its_customers_with_an_offer_each_reserved_for_the_phone_and_call_results_come_back()
    {
        var pseudonyms = fixture.Pseudonyms;
        var rows = new[]
        {
            Master(pseudonyms, "N000000001", "20095", "+49 40 1234567", true, givenName: "=HYPERLINK(\"x\")"),
            Master(pseudonyms, "N000000002", "10115", "+49 30 7654321", true),
            Master(pseudonyms, "N000000003", "20095", null, true),               // no phone
            Master(pseudonyms, "N000000004", "20095", "+49 40 1111111", false),  // no advertising consent
            Master(pseudonyms, "S000000005", "80331", "+49 89 2222222", true),   // Team Süd
        };
        await fixture.Host.Services.GetRequiredService<ICustomerMasterStore>().UpsertAsync(rows, Guid.NewGuid());
        foreach (var row in rows)
            fixture.Customers.Facts[row.CustomerKey] = SimulatedCustomers.FactsOf(row.CustomerKey, age: 45);

        using var integrator = fixture.Host.CreateClient(await fixture.Host.SignInAsync("integrator-kernsystem"));
        using var response = await integrator.GetAsync("/api/nba/call-lists/nord/2026-12-08?max=50");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Team;Tag;KVNR;Vorname;Nachname;Telefon;Angebot;Angebotstitel;Entscheidung;Kontakt", lines[0]);
        var calls = lines[1..].Select(l => l.Split(';')).ToList();
        Assert.Equal(["N000000001", "N000000002"], calls.Select(c => c[2]).Order());
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"x\"\")\"", StringComparison.Ordinal)); // formula-safe
        foreach (var call in calls)
        {
            var (customerKey, request) = fixture.Customers.Reserved[call[9]];
            Assert.Equal(pseudonyms.KeyOf(call[2]), customerKey);
            Assert.Equal((ContactSource.CallList, ContactChannel.Phone, call[6]), (request.Source, request.Channel, request.OfferId));
        }

        // The same list again: nothing new is reserved.
        var reservedBefore = fixture.Customers.Reserved.Count;
        using var again = await integrator.GetAsync("/api/nba/call-lists/nord/2026-12-08?max=50");
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(reservedBefore, fixture.Customers.Reserved.Count);

        // One call reached and accepted, one not reached.
        var accepted = calls[0];
        using var reached = await integrator.PostAsJsonAsync("/api/nba/call-lists/results",
            new { kvnr = accepted[2], decisionId = Guid.Parse(accepted[8]), offerId = accepted[6], reached = true, outcomeId = "call-1", outcome = "Accept" });
        Assert.Equal(HttpStatusCode.NoContent, reached.StatusCode);
        Assert.True(fixture.Customers.Confirmed.ContainsKey(accepted[9]));
        var missed = calls[1];
        using var notReached = await integrator.PostAsJsonAsync("/api/nba/call-lists/results",
            new { kvnr = missed[2], decisionId = Guid.Parse(missed[8]), offerId = missed[6], reached = false });
        Assert.Equal(HttpStatusCode.NoContent, notReached.StatusCode);
        Assert.False(fixture.Customers.Reserved.ContainsKey(missed[9]));

        var audit = await fixture.Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("call-list", "nord|2026-12-08", 10);
        Assert.Equal(2, audit.Count);
    }

    [Fact]
    public async Task An_unknown_team_is_a_problem_and_agents_get_no_call_list()
    {
        using var integrator = fixture.Host.CreateClient(await fixture.Host.SignInAsync("integrator-kernsystem"));
        using var unknown = await integrator.GetAsync("/api/nba/call-lists/west/2026-12-08");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var agent = fixture.Host.CreateClient(await fixture.Host.SignInAsync("agent-mueller"));
        using var forbidden = await agent.GetAsync("/api/nba/call-lists/nord/2026-12-08");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
