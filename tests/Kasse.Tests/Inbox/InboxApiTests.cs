using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Inbox;

/// <summary>The inbox over HTTP: integrators deliver items and e-mails, agents take offers — on the real embedded host.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class InboxApiTests(EmbeddedHostFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private KasseTestHost Host => fixture.Host;

    [Fact]
    public async Task Integrator_delivers_the_same_callback_twice_and_gets_one_item()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        var externalId = "rr-" + Guid.NewGuid().ToString("N");
        var body = new { topic = "Rückruf zum Krankengeld", kvnr = "A123456780", skills = new[] { "leistungen" }, reference = "RR-1" };

        var first = await ReadAsync<WorkItemView>(await integrator.PutAsJsonAsync($"/api/integration/work-items/callback/{externalId}", body));
        var again = await ReadAsync<WorkItemView>(await integrator.PutAsJsonAsync($"/api/integration/work-items/callback/{externalId}", body));
        var read = await ReadAsync<WorkItemView>(await integrator.GetAsync($"/api/integration/work-items/callback/{externalId}"));

        Assert.Equal($"callback:{externalId}", first.Id);
        Assert.Equal((first.Id, first.Topic, first.CreatedAt), (again.Id, again.Topic, again.CreatedAt));
        Assert.Equal((first.Id, first.Status, first.CreatedAt), (read.Id, read.Status, read.CreatedAt));
        Assert.Equal(WorkChannel.Callback, first.Channel);
        Assert.StartsWith("c-", first.CustomerKey, StringComparison.Ordinal); // the pseudonym, never the KVNR
        Assert.Equal(["leistungen"], first.RequiredSkills);
    }

    [Fact]
    public async Task Invalid_intake_is_refused_with_problem_details_and_agents_cannot_deliver()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var invalid = await integrator.PutAsJsonAsync("/api/integration/work-items/fax/1", new { topic = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("channel", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("topic", out _));

        using var missing = await integrator.GetAsync("/api/integration/work-items/form/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var agent = Host.CreateClient(await Host.SignInAsync("agent-schulz"));
        using var forbidden = await agent.PutAsJsonAsync("/api/integration/work-items/form/x1", new { topic = "Test" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Agent_sees_the_offer_accepts_and_wraps_up_over_http()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var agent = Host.CreateClient(await Host.SignInAsync("agent-kaya"));
        var desk = await ReadAsync<AgentDeskView>(await agent.PutAsJsonAsync("/api/agent/presence", new { presence = "Available" }));
        Assert.Equal(AgentPresence.Available, desk.Presence);
        Assert.Equal("Team Süd", desk.Profile.Team);

        var externalId = "wf-" + Guid.NewGuid().ToString("N");
        var item = await ReadAsync<WorkItemView>(await integrator.PutAsJsonAsync(
            $"/api/integration/work-items/workflow/{externalId}", new { topic = "Unfallfragebogen prüfen", team = "Team Süd" }));

        // Long poll until the offer shows (no id typed by anyone).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!desk.Offers.Any(o => o.ItemId == item.Id) && DateTime.UtcNow < deadline)
            desk = await ReadAsync<AgentDeskView>(await agent.GetAsync($"/api/agent/desk?known={desk.Version}&waitSeconds=5"));
        var offer = Assert.Single(desk.Offers, o => o.ItemId == item.Id);
        Assert.Equal("Unfallfragebogen prüfen", offer.Topic);

        var accepted = await ReadAsync<WorkItemView>(await agent.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null));
        Assert.Equal(WorkItemStatus.Assigned, accepted.Status);
        Assert.Equal("agent-kaya", accepted.AgentId);
        var acceptedAgain = await ReadAsync<WorkItemView>(await agent.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null));
        Assert.Equal((accepted.Id, accepted.Status, accepted.AgentId), (acceptedAgain.Id, acceptedAgain.Status, acceptedAgain.AgentId));

        using var other = Host.CreateClient(await Host.SignInAsync("agent-mueller"));
        using var stolen = await other.PostAsync($"/api/agent/offers/{offer.OfferId}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, stolen.StatusCode);

        using var completed = await agent.PostAsync($"/api/agent/work-items/{Uri.EscapeDataString(item.Id)}/complete", null);
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        var done = await ReadAsync<WorkItemView>(await integrator.GetAsync($"/api/integration/work-items/workflow/{externalId}"));
        Assert.Equal(WorkItemStatus.Done, done.Status);
        Assert.Equal(0, (await ReadAsync<AgentDeskView>(await agent.GetAsync("/api/agent/desk"))).Load);
    }

    [Fact]
    public async Task Mail_gateway_reply_is_threaded_into_the_item_of_the_original_mail()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        var suffix = Guid.NewGuid().ToString("N");
        var original = await ReadAsync<MailIntakeResult>(await integrator.PostAsJsonAsync("/api/integration/emails", new
        {
            gatewayId = "mx-" + suffix,
            messageId = $"<q{suffix}@example.org>",
            from = "erika@example.org",
            subject = "Frage zum Beitrag",
            body = "Guten Tag",
            skills = new[] { "beitraege" },
        }));
        var reply = await ReadAsync<MailIntakeResult>(await integrator.PostAsJsonAsync("/api/integration/emails", new
        {
            gatewayId = "mx2-" + suffix,
            messageId = $"<r{suffix}@example.org>",
            inReplyTo = $"<q{suffix}@example.org>",
            references = new[] { $"<q{suffix}@example.org>" },
            from = "erika@example.org",
            subject = "AW: Frage zum Beitrag",
            body = "Noch etwas",
        }));

        Assert.False(original.Threaded);
        Assert.True(reply.Threaded);
        Assert.Equal(original.Item.Id, reply.Item.Id);
        Assert.Equal(2, reply.Item.MessageCount);
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
