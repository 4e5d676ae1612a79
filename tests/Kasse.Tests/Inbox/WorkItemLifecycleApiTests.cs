using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Inbox;

/// <summary>Transfer, hold and a supervisor's reassignment over HTTP on the real embedded host, with problem details for refusals.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class WorkItemLifecycleApiTests(EmbeddedHostFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private KasseTestHost Host => fixture.Host;

    [Fact]
    public async Task Agent_holds_and_transfers_over_http_and_a_supervisor_reassigns_with_problem_details_for_refusals()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var kaya = Host.CreateClient(await Host.SignInAsync("agent-kaya"));
        using var mueller = Host.CreateClient(await Host.SignInAsync("agent-mueller"));
        using var supervisor = Host.CreateClient(await Host.SignInAsync("supervisor-fischer"));
        await ReadAsync<AgentDeskView>(await mueller.PutAsJsonAsync("/api/agent/presence", new { presence = "Away" }));
        var desk = await ReadAsync<AgentDeskView>(await kaya.PutAsJsonAsync("/api/agent/presence", new { presence = "Available" }));
        var item = await ReadAsync<WorkItemView>(await integrator.PutAsJsonAsync(
            $"/api/integration/work-items/workflow/wf-{Guid.NewGuid():N}", new { topic = "Unfallfragebogen prüfen", team = "Team Süd" }));
        var path = $"/api/agent/work-items/{Uri.EscapeDataString(item.Id)}";
        await AcceptAsync(kaya, item.Id, desk);

        await AssertProblemAsync(HttpStatusCode.BadRequest, "transfer-to-self", await kaya.PostAsJsonAsync(path + "/transfer", new { toAgentId = "agent-kaya" }));
        await AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "transfer-target-unknown", await kaya.PostAsJsonAsync(path + "/transfer", new { toAgentId = "agent-niemand" }));
        await AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "transfer-target-unknown", await kaya.PostAsJsonAsync(path + "/transfer", new { toTeam = "Team Ost" }));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "validation", await kaya.PostAsJsonAsync(path + "/transfer", new { toAgentId = "agent-mueller", toTeam = "Team Nord" }));
        await AssertProblemAsync(HttpStatusCode.Conflict, "work-item-not-assigned", await mueller.PostAsJsonAsync(path + "/transfer", new { toTeam = "Team Nord" }));
        await AssertProblemAsync(HttpStatusCode.Conflict, "work-item-not-assigned", await mueller.PostAsync(path + "/hold", null));

        Assert.Equal(WorkItemStatus.OnHold, (await ReadAsync<WorkItemView>(await kaya.PostAsync(path + "/hold", null))).Status);
        Assert.Equal(WorkItemStatus.Assigned, (await ReadAsync<WorkItemView>(await kaya.PostAsync(path + "/resume", null))).Status);
        var moved = await ReadAsync<WorkItemView>(await kaya.PostAsJsonAsync(path + "/transfer", new { toAgentId = "agent-mueller", note = "Bitte übernehmen" }));
        Assert.Equal("agent-mueller", moved.ReservedFor);
        Assert.DoesNotContain(item.Id, (await ReadAsync<AgentDeskView>(await kaya.GetAsync("/api/agent/desk"))).AssignedItems);

        var reassignPath = $"/api/supervisor/work-items/{Uri.EscapeDataString(item.Id)}/reassign";
        using (var forbidden = await mueller.PostAsJsonAsync(reassignPath, new { toTeam = "Team Süd" }))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var reassigned = await ReadAsync<WorkItemView>(await supervisor.PostAsJsonAsync(reassignPath, new { toTeam = "Team Süd", note = "Zurück in den Süden" }));
        Assert.Equal("team:Team Süd", reassigned.Queue);

        // Kaya handed it on, but nobody else in Team Süd can take it: it comes back to her; she wraps it up.
        await AcceptAsync(kaya, item.Id, await ReadAsync<AgentDeskView>(await kaya.GetAsync("/api/agent/desk")));
        using var completed = await kaya.PostAsync(path + "/complete", null);
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        await AssertProblemAsync(HttpStatusCode.Conflict, "work-item-done", await supervisor.PostAsJsonAsync(reassignPath, new { toTeam = "Team Süd" }));
    }

    private static async Task AcceptAsync(HttpClient agent, string itemId, AgentDeskView desk)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (desk.Offers.FirstOrDefault(o => o.ItemId == itemId) is { } offer)
            {
                using var accepted = await agent.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null);
                if (accepted.IsSuccessStatusCode)
                    return;
            }
            desk = await ReadAsync<AgentDeskView>(await agent.GetAsync($"/api/agent/desk?known={desk.Version}&waitSeconds=5"));
        }
        throw new TimeoutException($"no offer of {itemId} accepted");
    }

    private static async Task AssertProblemAsync(HttpStatusCode status, string type, HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith("/" + type, JsonDocument.Parse(body).RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>(Json))!;
        }
    }
}
