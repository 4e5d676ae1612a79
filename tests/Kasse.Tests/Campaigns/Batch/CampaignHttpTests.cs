using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kasse.Campaigns;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>The campaign HTTP API: roles, problem details, the lifecycle, and the integrator outputs per channel.</summary>
public sealed class CampaignHttpTests
{
    private const string Definition =
        """
        {
          "name": "Mitgliedermagazin 2026",
          "description": "Das Magazin für alle in Hamburg",
          "purpose": "Information",
          "targetGroups": [
            {
              "name": "hamburg",
              "rule": "input.PostalCode == \"20095\"",
              "channels": ["Letter", "Email", "Phone"],
              "preferCustomerChannel": true,
              "variants": [
                { "id": "brief", "channel": "Letter", "weight": 1, "subject": "=Ihr Magazin", "text": "Liebe Leserin, lieber Leser" },
                { "id": "mail", "channel": "Email", "weight": 1, "subject": "Ihr Magazin", "text": "Hallo" },
                { "id": "anruf", "channel": "Phone", "weight": 1, "subject": "Magazin am Telefon", "text": "Gesprächsleitfaden" }
              ]
            }
          ],
          "controlGroupPercent": 10,
          "dailyLimits": { "Phone": 5 },
          "schedule": { "kind": "OneOff" }
        }
        """;

    [Fact]
    public async Task Admins_run_a_campaign_and_integrators_fetch_its_outputs_per_channel()
    {
        var gate = new RecordingContactGate();
        var customers = CampaignSamples.Population(120, "h", postalCode: "20095");
        await using var host = await CampaignTestHosts.StartAsync(gate, await CampaignTestHosts.MasterWithAsync(customers));
        using var admin = host.CreateClient(await host.SignInAsync("admin"));
        using var integrator = host.CreateClient(await host.SignInAsync("integrator-kernsystem"));
        using var agent = host.CreateClient(await host.SignInAsync("agent-mueller"));

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/campaigns")).StatusCode);
        await AssertProblemAsync(await admin.GetAsync("/api/campaigns/gibt-es-nicht"), HttpStatusCode.NotFound, CampaignErrors.CampaignNotFound);
        await AssertProblemAsync(await admin.PutAsync("/api/campaigns/magazin", Json(Definition.Replace("input.PostalCode", "input.Plz", StringComparison.Ordinal))),
            HttpStatusCode.UnprocessableEntity, CampaignErrors.CampaignInvalid, "Plz");
        await AssertProblemAsync(await admin.PostAsync("/api/campaigns/magazin/activate", null), HttpStatusCode.NotFound, CampaignErrors.CampaignNotFound);

        using (var saved = await admin.PutAsync("/api/campaigns/magazin", Json(Definition)))
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var again = await (await admin.PutAsync("/api/campaigns/magazin", Json(Definition))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, again.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/campaigns/magazin/activate", null)).StatusCode);
        var view = await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<JsonElement>("/api/campaigns/magazin"),
            v => v.GetProperty("status").GetString() == "Completed", TimeSpan.FromSeconds(60), "the run to end");
        await AssertProblemAsync(await admin.PostAsync("/api/campaigns/magazin/activate", null), HttpStatusCode.Conflict, CampaignErrors.CampaignState);

        var run = view.GetProperty("currentRun");
        var runId = run.GetProperty("runId").GetString();
        var contacted = run.GetProperty("contacted");
        Assert.Equal(5, contacted.GetProperty("Phone").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/api/campaigns/magazin/runs/{runId}/outputs/brief.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await integrator.GetAsync($"/api/campaigns/magazin/runs/{runId}/outputs/fax.csv")).StatusCode);
        using var letters = await integrator.GetAsync($"/api/campaigns/magazin/runs/{runId}/outputs/brief.csv");
        Assert.Equal(HttpStatusCode.OK, letters.StatusCode);
        var bytes = await letters.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Kontakt_ID;Zielgruppe;Variante;Betreff;Vorname;Nachname;Strasse;PLZ;Ort", lines[0]);
        Assert.Equal(contacted.GetProperty("Letter").GetInt32(), lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.Contains(";hamburg;brief;'=Ihr Magazin;Erika;Mustermann;Hauptstr. 1;20095;Berlin", line, StringComparison.Ordinal));
        var calls = (await integrator.GetStringAsync($"/api/campaigns/magazin/runs/{runId}/outputs/anrufe.csv")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, calls.Length);
        Assert.All(calls.Skip(1), line => Assert.Contains(";anruf;Magazin am Telefon;'+49301234567;", line, StringComparison.Ordinal));
        var contactedKeys = gate.ConfirmedPerCustomer.Keys.ToHashSet();
        var letterKeys = lines.Skip(1).Select(l => l.Split(';')[0].Split(':')[2]).ToList();
        Assert.All(letterKeys, key => Assert.Contains(key, contactedKeys));
        Assert.Equal(letterKeys.Count, letterKeys.Distinct().Count());

        // Documented in the API description.
        var openApi = await host.Http.GetStringAsync("/openapi/v1.json");
        foreach (var operation in new[] { "ListCampaigns", "SaveCampaign", "ActivateCampaign", "GetCampaignRun", "GetCampaignOutput" })
            Assert.Contains($"\"{operation}\"", openApi, StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? detailContains = null)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(code, problem.GetProperty("title").GetString());
            if (detailContains is not null)
                Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
