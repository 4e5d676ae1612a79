using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kasse.Campaigns;
using Kasse.Tests.Http;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>The version history of a campaign over HTTP: who saved which version when, and what it changed.</summary>
public sealed class CampaignVersionHistoryTests
{
    private const string First =
        """
        {
          "name": "Zahnvorsorge",
          "description": "Erinnerung an die Vorsorge",
          "purpose": "Information",
          "targetGroups": [ { "name": "alle", "rule": "input.Age >= 18", "channels": ["Letter"], "preferCustomerChannel": false,
            "variants": [ { "id": "brief", "channel": "Letter", "weight": 1, "subject": "Vorsorge", "text": "Denken Sie an die Vorsorge" } ] } ],
          "controlGroupPercent": 10,
          "dailyLimits": { "Letter": 100 },
          "schedule": { "kind": "OneOff" }
        }
        """;

    [Fact]
    public async Task Every_saved_version_is_listed_with_who_when_and_the_fields_it_changed()
    {
        await using var host = await CampaignTestHosts.StartAsync(new RecordingContactGate(), await CampaignTestHosts.MasterWithAsync([]));
        using var admin = host.CreateClient(await host.SignInAsync("admin"));
        using var agent = host.CreateClient(await host.SignInAsync("agent-mueller"));
        var before = DateTimeOffset.UtcNow;

        (await admin.PutAsync("/api/campaigns/vorsorge", Json(First))).EnsureSuccessStatusCode();
        (await admin.PutAsync("/api/campaigns/vorsorge", Json(First))).EnsureSuccessStatusCode(); // the same again: no version
        var second = First.Replace("\"Letter\": 100", "\"Letter\": 250", StringComparison.Ordinal).Replace("10,", "20,", StringComparison.Ordinal);
        (await admin.PutAsync("/api/campaigns/vorsorge", Json(second))).EnsureSuccessStatusCode();

        var versions = await admin.GetFromJsonAsync<JsonElement>("/api/campaigns/vorsorge/versions");
        Assert.Equal(2, versions.GetArrayLength());
        var (v1, v2) = (versions[0], versions[1]);
        Assert.Equal((1, "admin"), (v1.GetProperty("version").GetInt32(), v1.GetProperty("savedBy").GetString()));
        Assert.Contains("name", v1.GetProperty("changed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(100, v1.GetProperty("definition").GetProperty("dailyLimits").GetProperty("Letter").GetInt32());
        Assert.Equal((2, "admin"), (v2.GetProperty("version").GetInt32(), v2.GetProperty("savedBy").GetString()));
        Assert.Equal(["controlGroupPercent", "dailyLimits"], v2.GetProperty("changed").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(250, v2.GetProperty("definition").GetProperty("dailyLimits").GetProperty("Letter").GetInt32());
        var savedAt = v2.GetProperty("savedAt").GetDateTimeOffset();
        Assert.InRange(savedAt, before, DateTimeOffset.UtcNow);
        Assert.True(v1.GetProperty("savedAt").GetDateTimeOffset() <= savedAt);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/campaigns/vorsorge/versions")).StatusCode);
        await ProblemAssert.HasCodeAsync(await admin.GetAsync("/api/campaigns/gibt-es-nicht/versions"), HttpStatusCode.NotFound, CampaignErrors.CampaignNotFound);
        Assert.Contains("\"GetCampaignVersions\"", await host.Http.GetStringAsync("/openapi/v1.json"), StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
