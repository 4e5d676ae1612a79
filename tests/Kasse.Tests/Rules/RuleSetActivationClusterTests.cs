using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kasse.Grains.Rules;
using Kasse.Rules;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Rules;

/// <summary>A published version reaches every silo of a cluster without a restart; a silo started later loads it too.</summary>
public sealed class RuleSetActivationClusterTests
{
    private static readonly TimeSpan Activation = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Publication_through_one_silo_is_active_on_all_silos_within_seconds_and_on_a_silo_started_later()
    {
        var postgres = await PostgresServer.SharedAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Kasse"] = await postgres.CreateDatabaseAsync("rules"),
            ["Orleans:ClusterId"] = $"rules-{Guid.NewGuid():N}",
            ["Auth:DevelopmentSigningKey"] = SiloProcess.ClusterSigningKey,
        };
        var silos = new List<KasseTestHost>();
        try
        {
            for (var i = 0; i < 3; i++)
                silos.Add(await KasseTestHost.StartAsync(settings: settings));
            foreach (var silo in silos)
                await WaitForVersionAsync(silo, 1);

            using var admin = silos[0].CreateClient(await silos[0].SignInAsync("admin"));
            var document = JsonNode.Parse(await admin.GetStringAsync($"/api/rules/{RuleSetNames.CampaignEligibility}/versions/1"))!;
            document["workflow"]!["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == "Kontaktfrequenz")!["Expression"] = "input.ContactsLast30Days < 3";
            using var created = await admin.PostAsJsonAsync($"/api/rules/{RuleSetNames.CampaignEligibility}/versions", document);
            var version = (await created.Content.ReadFromJsonAsync<RuleSetVersionInfo>(Json.Options))!.Version;
            using var published = await admin.PostAsync($"/api/rules/{RuleSetNames.CampaignEligibility}/versions/{version}/publish", null);
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);

            foreach (var silo in silos)
                await WaitForVersionAsync(silo, version);
            silos.Add(await KasseTestHost.StartAsync(settings: settings));
            await WaitForVersionAsync(silos[^1], version);

            // Every silo decides with the new rule: two contacts in 30 days are now allowed.
            var candidate = new Kasse.Grains.Rules.Inputs.CampaignCandidate(40, true, false, "EMAIL", false, null, 2);
            var subject = $"K-{Guid.NewGuid():N}";
            foreach (var silo in silos)
            {
                var decision = await silo.Services.GetRequiredService<RuleEvaluator>()
                    .DecideAndRecordAsync(RuleSetNames.CampaignEligibility, candidate, "campaign-contact", subject);
                Assert.Equal((version, DecisionOutcome.Accepted), (decision.Version!.Value, decision.Outcome));
            }

            // The decision records are in PostgreSQL, readable through any silo: rule set, version, rules that fired.
            var recorded = await admin.GetFromJsonAsync<RuleDecision[]>(
                $"/api/rules/decisions?subjectType=campaign-contact&subjectId={subject}", Json.Options);
            Assert.Equal(silos.Count, recorded!.Length);
            Assert.All(recorded, d => Assert.Equal((RuleSetNames.CampaignEligibility, version), (d.RuleSet, d.Version!.Value)));
            Assert.All(recorded, d => Assert.Contains("Kontaktfrequenz", d.FiredRules));
        }
        finally
        {
            foreach (var silo in silos)
                await silo.DisposeAsync();
        }
    }

    private static Task WaitForVersionAsync(KasseTestHost silo, int version)
    {
        var active = silo.Services.GetRequiredService<ActiveRuleSets>();
        return Eventually.ReturnsAsync(
            () => Task.FromResult(active.Versions.GetValueOrDefault(RuleSetNames.CampaignEligibility)),
            v => v == version, Activation, $"version {version} active on {silo.BaseAddress}");
    }
}
