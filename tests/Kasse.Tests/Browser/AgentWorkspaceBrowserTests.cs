using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Workspace;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// The agent workspace in real browsers: offers arrive in the inbox by push (nobody types an id), accept and decline,
/// the customer panel, canned responses, internal notes, the chat pane, transfer to a colleague — in German and in English.
/// </summary>
[Collection(WorkspaceHostCollection.Name)]
public sealed class AgentWorkspaceBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BrowserSteps.Timeout;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private KasseTestHost Host => host.Host;

    private async Task<string> CreateItemAsync(string channel, string externalId, object body)
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var response = await integrator.PutAsJsonAsync($"/api/integration/work-items/{channel}/{externalId}", body);
        response.EnsureSuccessStatusCode();
        return $"{channel}:{externalId}";
    }

    private async Task<WorkItemView> ReadItemAsync(string itemId)
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        var (channel, externalId) = (itemId[..itemId.IndexOf(':')], itemId[(itemId.IndexOf(':') + 1)..]);
        return (await integrator.GetFromJsonAsync<WorkItemView>($"/api/integration/work-items/{channel}/{externalId}", Json))!;
    }

    private static async Task<IPage> OpenWorkspaceAsync(IBrowserContext context, string agentId, string available)
    {
        var page = await BrowserSteps.SignInToChatAsync(context, agentId, "/agent/");
        await Assertions.Expect(page.Locator("#presence")).ToBeEnabledAsync(new() { Timeout = Timeout });
        await page.Locator("#presence").SelectOptionAsync(new SelectOptionValue { Label = available });
        await Assertions.Expect(page.Locator("#presence")).ToHaveValueAsync("Available", Value);
        return page;
    }

    private static ILocator Entry(IPage page, string itemId) => page.Locator($"#inbox-list li[data-item-id='{itemId}']");

    /// <summary>Which of the pages shows the item in its inbox first: waits on each page's DOM, the first to show wins.</summary>
    private static async Task<IPage> FirstToShowAsync(string itemId, params IPage[] pages)
    {
        var shown = pages.Select(async page =>
        {
            await Entry(page, itemId).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
            return page;
        }).ToList();
        while (shown.Count > 0)
        {
            var first = await Task.WhenAny(shown);
            if (first.IsCompletedSuccessfully)
                return first.Result;
            shown.Remove(first);
        }
        throw new TimeoutException($"no agent's inbox showed {itemId}");
    }

    [Fact]
    public async Task Agent_sees_a_chat_offer_without_typing_an_id_accepts_chats_and_hands_it_to_a_colleague_who_never_got_the_offer()
    {
        await using var sides = await BrowserSteps.SignInBothSidesAsync(browser.Browser, Host.BaseAddress, "A123456780", "agent-mueller");
        var (insured, mueller) = sides;
        await using var schulzContext = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var schulz = await OpenWorkspaceAsync(schulzContext, "agent-schulz", "Verfügbar");
        await mueller.Locator("#presence").SelectOptionAsync(new SelectOptionValue { Label = "Verfügbar" });
        await Assertions.Expect(mueller.Locator("#presence")).ToHaveValueAsync("Available", Value);

        // The insured starts a chat in the portal: the chat is its own work item, routed to one of the two.
        var conversationId = await BrowserSteps.StartChatAsync(insured, "Beiträge");
        var itemId = "chat:" + conversationId;

        var started = DateTime.UtcNow;
        var agent = await FirstToShowAsync(itemId, mueller, schulz);
        var other = agent == mueller ? schulz : mueller;
        var offerShownAfter = DateTime.UtcNow - started;
        Assert.True(offerShownAfter < TestTimeouts.Scaled(TimeSpan.FromSeconds(1)), $"offer shown after {offerShownAfter}");
        var entry = Entry(agent, itemId);
        await Assertions.Expect(entry).ToHaveAttributeAsync("data-kind", "offer", HasAttribute);
        await Assertions.Expect(entry.Locator(".ws-topic")).ToHaveTextAsync("Beiträge", Text);
        await Assertions.Expect(agent).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(1\) Neues Angebot"), new() { Timeout = Timeout });

        await entry.GetByRole(AriaRole.Button, new() { Name = "Annehmen" }).ClickAsync();
        await Assertions.Expect(entry).ToHaveAttributeAsync("data-kind", "assigned", HasAttribute);
        await Assertions.Expect(entry.Locator(".ws-customer")).ToHaveTextAsync("Anna Bergmann", Text);
        await Assertions.Expect(agent.Locator("#customer-name")).ToHaveTextAsync("Anna Bergmann", Text);
        await Assertions.Expect(agent.Locator("#customer-panel")).ToContainTextAsync("Offene Vorgänge", Contains);
        await Assertions.Expect(agent.Locator("#chat-id")).ToHaveAttributeAsync("data-conversation-id", conversationId, HasAttribute);

        // A canned response with the customer's name filled in, sent as a chat message.
        await agent.Locator("#canned").SelectOptionAsync(new SelectOptionValue { Label = "Begrüßung" });
        await Assertions.Expect(agent.Locator("#chat-input")).ToHaveValueAsync(
            new System.Text.RegularExpressions.Regex("^Guten Tag Anna Bergmann, hier ist .+ von Ihrer Krankenkasse"), Value);
        await agent.Locator("#chat-send").ClickAsync();
        await Assertions.Expect(insured.Locator("#chat-messages .chat-text").Last).ToContainTextAsync("Guten Tag Anna Bergmann", Contains);
        await insured.Locator("#chat-input").FillAsync("Ich habe eine Frage zum Beitrag.");
        await insured.Locator("#chat-send").ClickAsync();
        await Assertions.Expect(agent.Locator("#chat-messages .chat-text").Last).ToHaveTextAsync("Ich habe eine Frage zum Beitrag.", Text);

        // An internal note: in the workspace, never in the portal.
        await agent.Locator("#notes-input").FillAsync("Intern: Rückstand prüfen");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Notiz speichern" }).ClickAsync();
        await Assertions.Expect(agent.Locator("#notes-list")).ToContainTextAsync("Intern: Rückstand prüfen", Contains);
        await Assertions.Expect(insured.Locator("body")).Not.ToContainTextAsync("Rückstand prüfen", new() { Timeout = 1000 });

        // The colleague never got the offer, in any view of the inbox.
        await Assertions.Expect(Entry(other, itemId)).ToHaveCountAsync(0, Count);
        await other.GetByRole(AriaRole.Button, new() { Name = "Alle wartenden" }).ClickAsync();
        await Assertions.Expect(other.Locator("[data-filter='waiting']")).ToHaveAttributeAsync("aria-pressed", "true", HasAttribute);
        await Assertions.Expect(Entry(other, itemId)).ToHaveCountAsync(0, Count);

        // Handed on to the colleague with a note: offered to them only; they accept and continue the chat.
        await other.GetByRole(AriaRole.Button, new() { Name = "Meine" }).ClickAsync();
        await agent.Locator("#transfer-target").FillAsync(other == mueller ? "agent-mueller" : "agent-schulz");
        await agent.Locator("#transfer-note").FillAsync("Bitte Beitragsrückstand klären");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Weitergeben" }).ClickAsync();
        await Assertions.Expect(entry).ToHaveCountAsync(0, Count);
        var handedOn = Entry(other, itemId);
        await Assertions.Expect(handedOn).ToHaveAttributeAsync("data-kind", "offer", HasAttribute);
        await handedOn.GetByRole(AriaRole.Button, new() { Name = "Annehmen" }).ClickAsync();
        await Assertions.Expect(handedOn).ToHaveAttributeAsync("data-kind", "assigned", HasAttribute);
        await Assertions.Expect(other.Locator("#chat-id")).ToHaveAttributeAsync("data-conversation-id", conversationId, HasAttribute);
        await Assertions.Expect(other.Locator("#notes-list")).ToContainTextAsync("Intern: Rückstand prüfen", Contains);

        // Wrapped up: the item leaves the inbox and the agent's capacity is free again.
        other.Dialog += (_, dialog) => dialog.AcceptAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = "Abschließen" }).ClickAsync();
        await Assertions.Expect(handedOn).ToHaveCountAsync(0, Count);
        foreach (var page in new[] { agent, other })
            await page.Locator("#presence").SelectOptionAsync("Offline");
    }

    [Fact]
    public async Task Workspace_speaks_english_and_a_declined_offer_leaves_the_inbox()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dev/signin?lang=en");
        await BrowserSteps.ChooseUserAsync(page, "agent-kaya", "/agent/");
        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Connected", Text);
        await Assertions.Expect(page.Locator("#inbox-title")).ToHaveTextAsync("Inbox", Text);
        await Assertions.Expect(page.Locator("[data-filter='waiting']")).ToHaveTextAsync("All waiting", Text);
        await Assertions.Expect(page.Locator("#customer-panel h2")).ToHaveTextAsync("Customer", Text);
        await page.Locator("#presence").SelectOptionAsync(new SelectOptionValue { Label = "Available" });
        await Assertions.Expect(page.Locator("#presence")).ToHaveValueAsync("Available", Value);

        var itemId = await CreateItemAsync("form", "en-" + Guid.NewGuid().ToString("N"), new { topic = "Accident questionnaire", team = "Team Süd", kvnr = "T012345678" });
        var entry = Entry(page, itemId);
        await Assertions.Expect(entry).ToHaveAttributeAsync("data-kind", "offer", HasAttribute);
        await Assertions.Expect(entry.Locator(".ws-kind")).ToHaveTextAsync("Offer", Text);
        await entry.Locator(".ws-entry-open").ClickAsync();
        await Assertions.Expect(page.Locator("#customer-name")).ToHaveTextAsync("Jürgen Weißmüller", Text);
        await Assertions.Expect(page.Locator("#item-meta")).ToContainTextAsync("Form · offered", Contains);

        // Away first, so the queue cannot offer the item to this (the only) agent of the team again at once.
        await page.Locator("#presence").SelectOptionAsync(new SelectOptionValue { Label = "Away" });
        await Assertions.Expect(page.Locator("#presence")).ToHaveValueAsync("Away", Value);
        await entry.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await Assertions.Expect(entry).ToHaveCountAsync(0, Count);

        // Available again: the only agent of the team gets it back, accepts and wraps it up (nothing left waiting).
        await page.Locator("#presence").SelectOptionAsync(new SelectOptionValue { Label = "Available" });
        await entry.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(entry).ToHaveAttributeAsync("data-kind", "assigned", HasAttribute);

        // On hold and back: the agent keeps the item; the server says so too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Put on hold" }).ClickAsync();
        await Assertions.Expect(page.Locator("#item-meta")).ToContainTextAsync("Form · on hold", Contains);
        Assert.Equal(WorkItemStatus.OnHold, (await ReadItemAsync(itemId)).Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Assertions.Expect(page.Locator("#item-meta")).ToContainTextAsync("Form · assigned", Contains);
        Assert.Equal(WorkItemStatus.Assigned, (await ReadItemAsync(itemId)).Status);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Wrap up" }).ClickAsync();
        await Assertions.Expect(entry).ToHaveCountAsync(0, Count);
        await page.Locator("#presence").SelectOptionAsync("Offline");
    }

    [Fact]
    public async Task A_call_put_through_to_the_agent_pops_up_the_caller_and_their_panel_until_it_ends()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var page = await BrowserSteps.SignInToChatAsync(context, "agent-kaya", "/agent/");
        await Assertions.Expect(page.Locator("#presence")).ToBeEnabledAsync(new() { Timeout = Timeout });
        using var telephony = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        var callId = "call-" + Guid.NewGuid().ToString("N");

        (await telephony.PostAsJsonAsync("/api/integration/phone-events",
            new { callId, @event = "ringing", agentId = "agent-kaya", kvnr = "A123456780", topic = "Krankengeld" })).EnsureSuccessStatusCode();

        // The caller's name comes from the audited customer panel, which shows their master data beside it.
        await Assertions.Expect(page.Locator("#incoming-call")).ToHaveTextAsync("Eingehender Anruf: Anna Bergmann – Krankengeld", Text);
        await Assertions.Expect(page.Locator("#customer-panel")).ToContainTextAsync("A123456780", Contains);

        (await telephony.PostAsJsonAsync("/api/integration/phone-events", new { callId, @event = "ended", agentId = "agent-kaya" })).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#incoming-call")).ToBeHiddenAsync(new() { Timeout = Timeout });
    }
}
