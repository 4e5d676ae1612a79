using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Inbox;

/// <summary>Phone screen pop: the telephony system reports a call at an agent, the agent's desk shows the caller.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class PhoneEventTests(EmbeddedHostFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private KasseTestHost Host => fixture.Host;

    [Fact]
    public async Task A_ringing_call_pops_up_the_caller_on_the_agents_desk_through_the_long_poll_and_ended_clears_it()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var agent = Host.CreateClient(await Host.SignInAsync("agent-kaya"));
        var callId = "call-" + Guid.NewGuid().ToString("N");
        var before = await ReadAsync<AgentDeskView>(await agent.GetAsync("/api/agent/desk"));

        // The agent's desktop waits on its desk while the phone rings.
        var waiting = agent.GetAsync($"/api/agent/desk?known={before.Version}&waitSeconds=30");
        using (var ringing = await integrator.PostAsJsonAsync("/api/integration/phone-events",
            new { callId, @event = "ringing", agentId = "agent-kaya", kvnr = "A123456780", topic = "Krankengeld" }))
            Assert.Equal(HttpStatusCode.NoContent, ringing.StatusCode);
        var popped = await ReadAsync<AgentDeskView>(await waiting);
        var call = Assert.IsType<IncomingCall>(popped.IncomingCall);
        Assert.Equal(($"phone:{callId}", "Krankengeld"), (call.ItemId, call.Topic));
        Assert.StartsWith("c-", call.CustomerKey, StringComparison.Ordinal); // the pseudonym, never the KVNR
        Assert.NotEqual("A123456780", call.CustomerKey);

        // Answered keeps it; ended clears it.
        (await integrator.PostAsJsonAsync("/api/integration/phone-events", new { callId, @event = "answered", agentId = "agent-kaya", kvnr = "A123456780" })).Dispose();
        Assert.Equal(call, (await ReadAsync<AgentDeskView>(await agent.GetAsync("/api/agent/desk"))).IncomingCall);
        (await integrator.PostAsJsonAsync("/api/integration/phone-events", new { callId, @event = "ended", agentId = "agent-kaya" })).Dispose();
        Assert.Null((await ReadAsync<AgentDeskView>(await agent.GetAsync("/api/agent/desk"))).IncomingCall);
    }

    [Fact]
    public async Task A_phone_event_with_bad_input_is_refused_with_problem_details_and_only_integrators_may_report()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var invalid = await integrator.PostAsJsonAsync("/api/integration/phone-events",
            new { callId = "no spaces allowed", @event = "hangup", kvnr = "123" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.All(["callId", "event", "agentId", "kvnr"], field => Assert.True(errors.TryGetProperty(field, out _), field));

        using var agent = Host.CreateClient(await Host.SignInAsync("agent-kaya"));
        using var forbidden = await agent.PostAsJsonAsync("/api/integration/phone-events",
            new { callId = "c1", @event = "ringing", agentId = "agent-kaya" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
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
