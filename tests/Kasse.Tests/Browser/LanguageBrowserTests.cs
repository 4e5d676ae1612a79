using System.Text.RegularExpressions;
using Kasse.Grains.Rules;
using Kasse.Rules;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// The UIs in English: German by default, English from the header's language switch or from <c>?lang=en</c> in the
/// address, remembered across reloads and pages; the chat works in either language, and coded server errors are
/// shown in the chosen language.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed partial class LanguageBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = BrowserSteps.Timeout;

    [GeneratedRegex("^(Sent|Read)$")]
    private static partial Regex AcknowledgedInEnglish();

    // en-GB dates: "02/11/1957"; date and time: "2 Nov 2025, 14:05:09" (ICU may write "Sept").
    [GeneratedRegex(@"born \d{2}/\d{2}/\d{4}$")]
    private static partial Regex BornInEnglish();

    [GeneratedRegex(@"^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}:\d{2}$")]
    private static partial Regex DateTimeInEnglish();

    [GeneratedRegex(@"^Active version: \d+$")]
    private static partial Regex ActiveVersionInEnglish();

    [Fact]
    public async Task Insured_person_switches_the_portal_to_english_chats_with_an_english_agent_and_switches_back_to_german()
    {
        await using var insuredContext = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        await using var agentContext = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);

        // German unless chosen otherwise (SignInToChatAsync waits for "Verbunden").
        var insured = await BrowserSteps.SignInToChatAsync(insuredContext, "T012345678", "/portal/");
        await Assertions.Expect(insured.Locator("html")).ToHaveAttributeAsync("lang", "de", HasAttribute);
        await Assertions.Expect(LanguageButton(insured, "Deutsch")).ToHaveAttributeAsync("aria-pressed", "true", HasAttribute);
        await Assertions.Expect(LanguageButton(insured, "English")).ToHaveAttributeAsync("aria-pressed", "false", HasAttribute);

        await LanguageButton(insured, "English").ClickAsync();
        await Assertions.Expect(insured.Locator("html")).ToHaveAttributeAsync("lang", "en", HasAttribute);
        await Assertions.Expect(LanguageButton(insured, "English")).ToHaveAttributeAsync("aria-pressed", "true", HasAttribute);
        await Assertions.Expect(insured.Locator("#chat-connection")).ToHaveTextAsync("Connected", Text);
        await Assertions.Expect(insured.Locator(".chat-title h2")).ToHaveTextAsync("Chat with your health insurer", Text);
        await Assertions.Expect(insured.GetByRole(AriaRole.Heading, new() { Name = "Online service centre", Level = 1 })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(insured.Locator("#user")).ToHaveTextAsync("Signed in as Jürgen Weißmüller", Text);
        await Assertions.Expect(insured.Locator("#content")).ToHaveTextAsync(BornInEnglish(), Text);
        await Assertions.Expect(insured.Locator("#chat-topic-select option[value='Leistungen']")).ToHaveTextAsync("Benefits", Text);
        Assert.Equal("Online service centre – Kasse.Orleans", await insured.TitleAsync());

        // A chat in English: the topic goes to the server as it is and is shown in English.
        await insured.Locator("#chat-topic-select").SelectOptionAsync("Leistungen");
        await insured.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await Assertions.Expect(insured.Locator("#chat-topic")).ToHaveTextAsync("Benefits", Text);
        var id = await insured.Locator("#chat-id").GetAttributeAsync("data-conversation-id");
        Assert.True(Guid.TryParse(id, out _), $"conversation number '{id}'");
        await Assertions.Expect(insured.Locator("#chat-state")).ToHaveTextAsync("Open", Text);
        await Assertions.Expect(insured.Locator("#chat-counter")).ToHaveTextAsync("0 / 4000 characters", Text);
        var question = "Hello, does my insurer cover a professional dental cleaning?";
        await SendAsync(insured, question);
        await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync([question], Text);
        await Assertions.Expect(insured.Locator("#chat-state")).ToHaveTextAsync("Waiting for an adviser", Text);
        await Assertions.Expect(insured.Locator("#chat-messages li.chat-message.mine .chat-status")).ToHaveTextAsync(AcknowledgedInEnglish(), Text);

        // The agent chooses English in the address of the sign-in page; the desktop follows.
        var agent = await agentContext.NewPageAsync();
        await agent.GotoAsync("/dev/signin?lang=en");
        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Sign in as a demo user" })).ToBeVisibleAsync(Visible);
        await Assertions.Expect(agent.Locator("button[data-user='agent-schulz']")).ToHaveTextAsync("Sign in", Text);
        await BrowserSteps.ChooseUserAsync(agent, "agent-schulz", "/agent/");
        await Assertions.Expect(agent.Locator("html")).ToHaveAttributeAsync("lang", "en", HasAttribute);
        await Assertions.Expect(agent.Locator("#chat-connection")).ToHaveTextAsync("Connected", Text);
        await Assertions.Expect(agent.Locator("#content")).ToContainTextAsync("Tobias Schulz (Team Nord), skills:", Contains);
        await Assertions.Expect(agent.Locator("#join-id")).ToHaveAttributeAsync("placeholder", "Conversation ID", HasAttribute);
        // The chat reaches the agent through the inbox; only then may the agent open it by its number.
        await host.Host.TakeOverChatAsync("agent-schulz", Guid.Parse(id!));
        await agent.Locator("#join-id").FillAsync(id!);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();
        await Assertions.Expect(agent.Locator("#chat-id")).ToHaveAttributeAsync("data-conversation-id", id!, HasAttribute);
        await Assertions.Expect(agent.Locator("#chat-state")).ToHaveTextAsync("Active", Text);
        await Assertions.Expect(MessageTexts(agent)).ToHaveTextAsync([question], Text);
        var answer = "Yes, up to 80 euros once a year.";
        await SendAsync(agent, answer);

        await Assertions.Expect(insured.Locator("#chat-state")).ToHaveTextAsync("Active", Text);
        await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync([question, answer], Text);
        string[] englishNotes = ["Conversation started – topic: Benefits", "Tobias Schulz has taken over the conversation."];
        await Assertions.Expect(insured.Locator("#chat-messages li.chat-note")).ToHaveTextAsync(englishNotes, Text);

        // The choice is remembered: a reload stays in English, with the conversation.
        await insured.ReloadAsync();
        await Assertions.Expect(insured.Locator("html")).ToHaveAttributeAsync("lang", "en", HasAttribute);
        await Assertions.Expect(insured.Locator("#chat-connection")).ToHaveTextAsync("Connected", Text);
        await Assertions.Expect(insured.Locator("#chat-topic")).ToHaveTextAsync("Benefits", Text);
        await Assertions.Expect(insured.Locator($"#chat-list button[data-conversation-id='{id}'] .chat-list-state")).ToHaveTextAsync("Active", Text);
        await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync([question, answer], Text);
        await Assertions.Expect(insured.Locator("#chat-messages li.chat-note")).ToHaveTextAsync(englishNotes, Text);

        // Back to German: the same conversation in German texts, again after a reload.
        await LanguageButton(insured, "Deutsch").ClickAsync();
        for (var round = 0; round < 2; round++)
        {
            await Assertions.Expect(insured.Locator("html")).ToHaveAttributeAsync("lang", "de", HasAttribute);
            await Assertions.Expect(LanguageButton(insured, "Deutsch")).ToHaveAttributeAsync("aria-pressed", "true", HasAttribute);
            await Assertions.Expect(insured.Locator("#chat-connection")).ToHaveTextAsync("Verbunden", Text);
            await Assertions.Expect(insured.Locator(".chat-title h2")).ToHaveTextAsync("Chat mit Ihrer Krankenkasse", Text);
            await Assertions.Expect(insured.GetByRole(AriaRole.Button, new() { Name = "Chat starten" })).ToBeVisibleAsync(Visible);
            await Assertions.Expect(insured.Locator("#user")).ToHaveTextAsync("Angemeldet als Jürgen Weißmüller", Text);
            await Assertions.Expect(insured.Locator("#chat-topic")).ToHaveTextAsync("Leistungen", Text);
            await Assertions.Expect(insured.Locator("#chat-state")).ToHaveTextAsync("Aktiv", Text);
            await Assertions.Expect(insured.Locator("#chat-counter")).ToHaveTextAsync("0 / 4000 Zeichen", Text);
            await Assertions.Expect(MessageTexts(insured)).ToHaveTextAsync([question, answer], Text);
            await Assertions.Expect(insured.Locator("#chat-messages li.chat-note")).ToHaveTextAsync(
                ["Gespräch begonnen – Thema: Leistungen", "Tobias Schulz hat das Gespräch übernommen."], Text);
            if (round == 0)
                await insured.ReloadAsync();
        }
    }

    [Fact]
    public async Task Agent_desktop_shows_coded_server_errors_and_the_rules_page_speaks_english_when_chosen()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dev/signin?lang=en");
        await BrowserSteps.ChooseUserAsync(page, "supervisor-fischer", "/agent/");
        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Connected", Text);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agent desktop", Level = 1 })).ToBeVisibleAsync(Visible);

        // Checked in the page, then refused by the server with CONVERSATION_NOT_FOUND and its German text.
        var join = page.GetByRole(AriaRole.Button, new() { Name = "Take over" });
        await page.Locator("#join-id").FillAsync("12345");
        await join.ClickAsync();
        await Assertions.Expect(page.Locator("#join-error")).ToHaveTextAsync("Please enter a valid conversation ID.", Text);
        await page.Locator("#join-id").FillAsync(Guid.NewGuid().ToString());
        await join.ClickAsync();
        await Assertions.Expect(page.Locator("#join-error")).ToHaveTextAsync("This conversation does not exist.", Text);

        // The choice holds on other pages without the address naming it: the sign-in again, as the administrator.
        var active = host.Host.Services.GetRequiredService<ActiveRuleSets>();
        await Eventually.ReturnsAsync(
            () => Task.FromResult(active.Versions.Count), n => n == RuleSetNames.All.Count, TimeSpan.FromSeconds(30), "shipped rule sets active");
        await page.GotoAsync("/dev/signin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in as a demo user" })).ToBeVisibleAsync(Visible);
        await BrowserSteps.ChooseUserAsync(page, "admin", "/admin/");
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync("Signed in as Administration", Text);
        await page.GetByRole(AriaRole.Link, new() { Name = "Rules" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(page, "/admin/rules/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rule sets" })).ToBeVisibleAsync(Visible);
        await page.Locator("#rulesets button[data-ruleset='campaign.eligibility']").ClickAsync();
        await Assertions.Expect(page.Locator("#active-version")).ToHaveTextAsync(ActiveVersionInEnglish(), Text);
        var activeRow = page.Locator("#versions tr[data-active='true']");
        await Assertions.Expect(activeRow.Locator(".rules-status")).ToHaveTextAsync("Published", Text);
        await Assertions.Expect(activeRow.Locator(".rules-badge")).ToHaveTextAsync("active", Text);
        await Assertions.Expect(activeRow.Locator("td").Nth(3)).ToHaveTextAsync(DateTimeInEnglish(), Text);
        var version = await activeRow.GetAttributeAsync("data-version");
        await activeRow.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
        await Assertions.Expect(page.Locator("#action-result")).ToHaveTextAsync(
            $"Validation of version {version}: no problems – all expressions compiled, all test cases passed.", Text);
        await Assertions.Expect(page.Locator("#dryrun-version")).ToHaveValueAsync(version!, Value);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start dry run" })).ToBeVisibleAsync(Visible);
    }

    private static ILocator LanguageButton(IPage page, string name) =>
        page.Locator("header .lang-switch").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("#chat-input").FillAsync(text);
        await page.Locator("#chat-send").ClickAsync();
        await Assertions.Expect(page.Locator("#chat-input")).ToHaveValueAsync("", new() { Timeout = Timeout });
    }

    private static ILocator MessageTexts(IPage page) => page.Locator("#chat-messages li.chat-message .chat-text");
}
