using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Forms.Cluster;

/// <summary>
/// Three silo processes on one PostgreSQL. The insured fills a form through silo A's gateway, the agent through silo
/// B's; both type into their own fields and each sees the other's edits. Then the silo that hosts the form session
/// grain is killed with SIGKILL while both type: the clients reconnect where they must, no acknowledged edit is lost,
/// no client ever sees the seq go backwards, and the co-browsing goes on. (When the grain lands on the third silo, the
/// insured moves to its gateway first, so that one client always loses its gateway with the grain.)
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class FormSessionFailoverTests
{
    private const int EditsBeforeKill = 4;
    private const int EditsAcrossKill = 12;
    private const int AcksBeforeKill = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task Killing_the_silo_of_the_form_session_loses_no_acknowledged_edit_and_co_browsing_goes_on()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("formfailover");
        var clusterId = $"formfailover-{Guid.NewGuid():N}";
        var silos = new[] { "A", "B", "C" }.Select(name => SiloProcess.Start(connectionString, clusterId, name)).ToArray();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitReadyAsync(StartTimeout)));
            using var admin = await silos[2].SignedInClientAsync("admin");
            await Eventually.ReturnsAsync(
                () => admin.GetFromJsonAsync<SiloRow[]>("/api/admin/silos")!, rows => rows!.Count(r => r.Status == "Active") == 3,
                StartTimeout, "three active silos");

            await using var insured = new CobrowseClient("insured", "/hubs/customer", await silos[0].SignInAsync("A123456780"), silos, home: 0);
            await using var agent = new CobrowseClient("agent", "/hubs/agent", await silos[0].SignInAsync("agent-mueller"), silos, home: 1);
            await insured.ConnectAsync();
            await agent.ConnectAsync();

            // The product's way in: the insured's chat, taken over by the agent, who proposes the form; the insured accepts.
            var conversationId = Guid.NewGuid();
            var sessionId = Guid.NewGuid();
            await insured.Connection.InvokeAsync<ConversationView>("StartConversation", conversationId, "Unfall melden", null);
            using (var agentHttp = await silos[0].SignedInClientAsync("agent-mueller"))
                await ChatTakeOver.TakeOverAsync(agentHttp, conversationId);
            await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", conversationId);
            await agent.Connection.InvokeAsync<FormSessionSnapshot>("ProposeForm", conversationId, sessionId, FormNames.Accident);
            await insured.Connection.InvokeAsync<FormViewState>("GrantFormAccess", sessionId);
            var opened = await insured.Connection.InvokeAsync<FormSessionSnapshot>("OpenForm", sessionId);
            await agent.Connection.InvokeAsync<FormSessionSnapshot>("OpenForm", sessionId);
            var (insuredField, agentField) = TwoTextFields(opened);
            await insured.FetchAsync(sessionId);
            await agent.FetchAsync(sessionId);

            // Both type at once, each into a field of their own, and each sees the other's last value.
            var acked = new AckedEdits();
            await Task.WhenAll(
                TypeAsync(insured, sessionId, insuredField, "Hergang", 1, EditsBeforeKill, acked.Insured),
                TypeAsync(agent, sessionId, agentField, "Notiz", 1, EditsBeforeKill, acked.Agent));
            await insured.WaitForAsync(s => ValueOf(s, agentField) == acked.LastOf(acked.Agent), "the insured sees the agent's last edit");
            await agent.WaitForAsync(s => ValueOf(s, insuredField) == acked.LastOf(acked.Insured), "the agent sees the insured's last edit");

            // Kill the silo of the session grain while both type.
            var host = await admin.GetFromJsonAsync<GrainLocation>($"/api/admin/forms/sessions/{sessionId}/silo");
            var victim = silos.Single(s => s.SiloPort == host!.SiloPort);
            // One client's gateway must die with the grain, so that a reconnect is part of the test: when the grain
            // landed on the third silo, the insured moves to that silo's gateway first.
            if (victim == silos[2])
                await insured.MoveToAsync(2, sessionId);
            var seqBeforeKill = Math.Max(insured.State!.Seq, agent.State!.Seq);
            var typing = Task.WhenAll(
                TypeAsync(insured, sessionId, insuredField, "Hergang", EditsBeforeKill + 1, EditsAcrossKill, acked.Insured),
                TypeAsync(agent, sessionId, agentField, "Notiz", EditsBeforeKill + 1, EditsAcrossKill, acked.Agent));
            await Eventually.ReturnsAsync(
                () => Task.FromResult(acked.Count), n => n >= 2 * EditsBeforeKill + AcksBeforeKill, StartTimeout, "edits acknowledged after the first round");
            var acksAtKill = acked.Count;
            victim.Kill();
            await typing;
            Assert.True(acksAtKill < 2 * (EditsBeforeKill + EditsAcrossKill), $"the kill came before the last edit ({acksAtKill} acknowledged)");

            // Every acknowledged edit is there: each field is written by one side only, so it holds that side's last
            // acknowledged value, and the versions of the acknowledgements grew with every edit.
            foreach (var client in new[] { insured, agent })
            {
                await client.FetchAsync(sessionId);
                await client.WaitForAsync(
                    s => ValueOf(s, insuredField) == acked.LastOf(acked.Insured) && ValueOf(s, agentField) == acked.LastOf(acked.Agent),
                    "both sides' last acknowledged edits visible after the failover");
            }
            foreach (var versions in new[] { acked.Insured, acked.Agent })
                Assert.Equal(versions.Select(v => v.Version).Order(), versions.Select(v => v.Version));
            var final = await insured.FetchAsync(sessionId);
            Assert.Equal(acked.Insured[^1].Version, final.Fields.Single(f => f.Path == insuredField).Version);
            Assert.Equal(acked.Agent[^1].Version, final.Fields.Single(f => f.Path == agentField).Version);

            // The seq never went backwards at either client, across the kill, the reconnects and the re-activation.
            Assert.True(final.Seq > seqBeforeKill, $"seq {final.Seq} after the failover, {seqBeforeKill} before");
            foreach (var client in new[] { insured, agent })
            {
                var seqs = client.Seqs;
                Assert.True(seqs.Zip(seqs.Skip(1)).All(p => p.Second >= p.First), $"seqs went backwards: {string.Join(",", seqs)}");
            }
            Assert.All(insured.RetriedCodes.Concat(agent.RetriedCodes), code => Assert.Equal("UNAVAILABLE", code));
            Assert.True(insured.Reconnects + agent.Reconnects >= 1, "the client on the killed silo's gateway reconnected");

            // And the co-browsing goes on: one more edit each, seen by the other.
            await Task.WhenAll(
                TypeAsync(insured, sessionId, insuredField, "Hergang", 100, 1, acked.Insured),
                TypeAsync(agent, sessionId, agentField, "Notiz", 100, 1, acked.Agent));
            await insured.WaitForAsync(s => ValueOf(s, agentField) == acked.LastOf(acked.Agent), "the insured sees the agent's edit after the failover");
            await agent.WaitForAsync(s => ValueOf(s, insuredField) == acked.LastOf(acked.Insured), "the agent sees the insured's edit after the failover");
        }
        finally
        {
            foreach (var silo in silos)
                await silo.DisposeAsync();
        }
    }

    /// <summary>Types <paramref name="count"/> values at a person's pace, each after the previous one was acknowledged.</summary>
    private static async Task TypeAsync(CobrowseClient client, Guid sessionId, string path, string word, int first, int count, List<AckedEdit> acked)
    {
        using var pace = new PeriodicTimer(Pace);
        for (var i = first; i < first + count; i++)
        {
            await pace.WaitForNextTickAsync();
            var text = $"{word} {i}";
            var version = await client.EditAsync(sessionId, path, text);
            lock (acked)
                acked.Add(new AckedEdit(JsonSerializer.Serialize(text), version));
        }
    }

    /// <summary>The first two text fields editable from the start (not sensitive): the insured's and the agent's.</summary>
    private static (string Insured, string Agent) TwoTextFields(FormSessionSnapshot snapshot)
    {
        var editable = snapshot.State.Fields.Where(f => f.Visible && f.Enabled && !f.Masked).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        using var definition = JsonDocument.Parse(snapshot.Definition);
        var texts = definition.RootElement.GetProperty("steps").EnumerateArray()
            .SelectMany(step => step.GetProperty("sections").EnumerateArray())
            .SelectMany(section => section.GetProperty("fields").EnumerateArray())
            .Where(f => f.GetProperty("type").GetString() == "text"
                && !(f.TryGetProperty("sensitive", out var s) && s.ValueKind == JsonValueKind.True)
                && editable.Contains(f.GetProperty("id").GetString()!))
            .Select(f => f.GetProperty("id").GetString()!)
            .ToArray();
        Assert.True(texts.Length >= 2, $"two editable text fields expected in {FormNames.Accident}, found {string.Join(", ", texts)}");
        return (texts[0], texts[1]);
    }

    private static string? ValueOf(FormViewState state, string path) => state.Fields.FirstOrDefault(f => f.Path == path)?.Value;

    private sealed record AckedEdit(string Value, long Version);

    /// <summary>The acknowledged edits of both sides, in the order they were acknowledged.</summary>
    private sealed class AckedEdits
    {
        public List<AckedEdit> Insured { get; } = [];

        public List<AckedEdit> Agent { get; } = [];

        public int Count
        {
            get
            {
                lock (Insured)
                {
                    lock (Agent)
                        return Insured.Count + Agent.Count;
                }
            }
        }

        public string? LastOf(List<AckedEdit> edits)
        {
            lock (edits)
                return edits.Count == 0 ? null : edits[^1].Value;
        }
    }

    private sealed record SiloRow(string Name, string Address, string Status);

    private sealed record GrainLocation(string Silo, int SiloPort);
}
