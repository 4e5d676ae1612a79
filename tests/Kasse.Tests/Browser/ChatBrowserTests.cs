using System.Text.RegularExpressions;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// Live chat in real browsers: an insured person in the portal and an agent at the agent desktop, each in their own
/// browser context, signed in through the development sign-in; the SignalR client is the official npm package.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed partial class ChatBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BrowserSteps.Timeout;

    [GeneratedRegex("^(sent|read)$")]
    private static partial Regex Acknowledged();

    [Fact]
    public async Task Insured_person_and_agent_chat_both_ways_in_the_browser()
    {
        await using var sides = await BrowserSteps.SignInBothSidesAsync(browser.Browser, host.Host.BaseAddress, "A123456780", "agent-mueller");
        var (insured, agent) = sides;

        var id = await BrowserSteps.StartChatAsync(insured, "Leistungen");
        await Assertions.Expect(insured.Locator("#chat-state")).ToHaveTextAsync("Offen", Text);
        var question = "Guten Tag, übernimmt die Kasse die professionelle Zahnreinigung?";
        await SendAsync(insured, question);
        await Assertions.Expect(insured.Locator("#chat-state")).ToHaveTextAsync("Wartet auf Beratung", Text);
        await Assertions.Expect(OwnMessages(insured).Last).ToHaveAttributeAsync("data-status", Acknowledged(), HasAttribute);

        await BrowserSteps.JoinAsync(host.Host, sides.AgentId, agent, id);
        await Assertions.Expect(agent.Locator("#chat-state")).ToHaveTextAsync("Aktiv", Text);
        await Assertions.Expect(insured.Locator("#chat-state")).ToHaveTextAsync("Aktiv", Text);
        await Assertions.Expect(MessageTexts(agent)).ToHaveTextAsync([question], Text);
        await Assertions.Expect(agent.Locator($"#chat-list button[data-conversation-id='{id}']")).ToContainTextAsync("Leistungen", Contains);

        // Typing shows on the other side and goes away by itself.
        await agent.Locator("#chat-input").PressSequentiallyAsync("Ja");
        await Assertions.Expect(insured.Locator("#chat-typing")).ToHaveTextAsync("Sabine Müller schreibt …", Text);
        await Assertions.Expect(insured.Locator("#chat-typing")).ToBeHiddenAsync(Hidden);

        var answer = "Ja, einmal im Jahr bis zu 80 Euro.\nBitte reichen Sie die Rechnung ein.";
        var markup = "<b>fett</b> & <img src=x onerror=\"document.title='pwned'\">";
        await SendAsync(agent, answer);
        await SendAsync(agent, markup);
        await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync([question, answer, markup], Text);
        // Text stays text: no element came from a message.
        await Assertions.Expect(insured.Locator("#chat-messages b, #chat-messages img")).ToHaveCountAsync(0, Count);
        Assert.NotEqual("pwned", await insured.TitleAsync());

        var thanks = "Vielen Dank!";
        await SendAsync(insured, thanks);
        string[] all = [question, answer, markup, thanks];
        await Assertions.Expect(MessageTexts(agent)).ToHaveTextAsync(all, Text);
        await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync(all, Text);
        // Read receipts: each side has seen the other's messages.
        await Assertions.Expect(OwnMessages(agent).Last).ToHaveAttributeAsync("data-status", "read", HasAttribute);
        await Assertions.Expect(OwnMessages(insured).Last).ToHaveAttributeAsync("data-status", "read", HasAttribute);

        // The send box counts and stops at 4,000 characters.
        await insured.Locator("#chat-input").FillAsync(new string('x', 4001));
        await Assertions.Expect(insured.Locator("#chat-counter")).ToHaveTextAsync("4000 / 4000 Zeichen", Text);
        await insured.Locator("#chat-input").FillAsync("");

        // Reopening the portal shows the history once, and the conversation in the list.
        await insured.ReloadAsync();
        await Assertions.Expect(insured.Locator("#chat-connection")).ToHaveTextAsync("Verbunden", Text);
        await Assertions.Expect(insured.Locator($"#chat-list button[data-conversation-id='{id}']")).ToContainTextAsync("Aktiv", Contains);
        await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync(all, Text);
        await Assertions.Expect(insured.Locator("#chat-messages li.chat-note")).ToHaveTextAsync(
            ["Gespräch begonnen – Thema: Leistungen", "Sabine Müller hat das Gespräch übernommen."], Text);
    }

    [Fact]
    public async Task Insured_persons_network_drops_and_comes_back_and_no_message_is_lost_or_duplicated()
    {
        await using var proxy = new TcpDropProxy(host.Host.BaseAddress);
        await using var sides = await BrowserSteps.SignInBothSidesAsync(browser.Browser, host.Host.BaseAddress, "Z987654321", "agent-schulz", insuredAddress: proxy.BaseAddress);
        var (insured, agent) = sides;

        var id = await BrowserSteps.StartChatAsync(insured, "Bescheinigungen");
        await SendAsync(insured, "Hallo, ich brauche eine Mitgliedsbescheinigung.");
        await BrowserSteps.JoinAsync(host.Host, sides.AgentId, agent, id);
        await SendAsync(agent, "Gern, für welchen Zeitraum?");
        string[] before = ["Hallo, ich brauche eine Mitgliedsbescheinigung.", "Gern, für welchen Zeitraum?"];
        await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync(before, Text);
        await Assertions.Expect(MessageTexts(agent)).ToHaveTextAsync(before, Text);

        proxy.DropAll();
        await Assertions.Expect(insured.Locator("#chat-connection")).ToHaveTextAsync("Verbindung wird wiederhergestellt …", Text);

        // The agent writes on while the insured is cut off …
        string[] fromAgent = ["Sind Sie noch da?", "Ich schicke Ihnen die Bescheinigung per Post.", "Sie ist in drei Tagen da."];
        foreach (var text in fromAgent)
            await SendAsync(agent, text);
        await Assertions.Expect(agent.Locator("#chat-messages li.chat-message.mine[data-status='pending']")).ToHaveCountAsync(0, Count);

        // … and so does the insured: the messages wait, marked as pending, with their client ids.
        string[] fromInsured = ["Für das ganze Jahr 2025, bitte.", "Und eine Kopie per E-Mail wäre schön."];
        foreach (var text in fromInsured)
            await SendAsync(insured, text);
        var pending = insured.Locator("#chat-messages li.chat-message[data-status='pending']");
        await Assertions.Expect(pending.Locator(".chat-text")).ToHaveTextAsync(fromInsured, Text);
        var clientIds = new List<string>();
        for (var i = 0; i < fromInsured.Length; i++)
            clientIds.Add(await pending.Nth(i).GetAttributeAsync("data-client-id") ?? throw new InvalidOperationException("no client id"));
        Assert.All(clientIds, clientId => Assert.True(Guid.TryParse(clientId, out _), clientId));
        // Nothing crossed the cut in either direction.
        await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync([.. before, .. fromInsured], Text);
        await Assertions.Expect(MessageTexts(agent)).ToHaveTextAsync([.. before, .. fromAgent], Text);
        await Assertions.Expect(insured.Locator("#chat-connection")).ToHaveTextAsync("Verbindung wird wiederhergestellt …", Text);

        proxy.Restore();
        await Assertions.Expect(insured.Locator("#chat-connection")).ToHaveTextAsync("Verbunden", Text);

        // Exactly once each, in the order the server sequenced them, on both sides.
        string[] expected = [.. before, .. fromAgent, .. fromInsured];
        await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync(expected, Text);
        await Assertions.Expect(MessageTexts(agent)).ToHaveTextAsync(expected, Text);
        await Assertions.Expect(pending).ToHaveCountAsync(0, Count);
        for (var i = 0; i < fromInsured.Length; i++)
        {
            // Sent after the restore with the ids they got when written.
            var onInsuredSide = insured.Locator($"#chat-messages li.chat-message[data-client-id='{clientIds[i]}']");
            await Assertions.Expect(onInsuredSide).ToHaveCountAsync(1, Count);
            await Assertions.Expect(onInsuredSide).ToHaveAttributeAsync("data-status", Acknowledged(), HasAttribute);
            await Assertions.Expect(onInsuredSide.Locator(".chat-text")).ToHaveTextAsync(fromInsured[i], Text);
            var onAgentSide = agent.Locator($"#chat-messages li.chat-message[data-client-id='{clientIds[i]}']");
            await Assertions.Expect(onAgentSide.Locator(".chat-text")).ToHaveTextAsync(fromInsured[i], Text);
        }
        Assert.Equal(await SeqsAsync(agent), await SeqsAsync(insured));

        // And the line works both ways again.
        await SendAsync(agent, "Alles angekommen.");
        await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync([.. expected, "Alles angekommen."], Text);
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("#chat-input").FillAsync(text);
        await page.Locator("#chat-send").ClickAsync();
        await Assertions.Expect(page.Locator("#chat-input")).ToHaveValueAsync("", new() { Timeout = Timeout });
    }

    private static ILocator MessageTexts(IPage page) => page.Locator("#chat-messages li.chat-message .chat-text");

    private static ILocator OwnMessages(IPage page) => page.Locator("#chat-messages li.chat-message.mine");

    private static async Task<string[]> SeqsAsync(IPage page)
    {
        var seqs = await page.Locator("#chat-messages li.chat-message").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.seq)");
        Assert.Equal(seqs.Length, seqs.Distinct().Count());
        return seqs;
    }
}
