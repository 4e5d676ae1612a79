using System.Text.RegularExpressions;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// Steps the browser tests share: a German browser context against a host, the development sign-in, and starting
/// and taking over a chat.
/// </summary>
public static class BrowserSteps
{
    /// <summary>How long an expectation waits: reconnects back off up to ~5.5 s; everything else is quick, and waits
    /// end as soon as the page shows the state.</summary>
    public const float Timeout = 30_000;


    /// <summary>A context in German whose relative addresses go to <paramref name="baseAddress"/>; it accepts
    /// downloads (Playwright's default, stated because the tests download files).</summary>
    public static Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseAddress) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "de-DE",
            BaseURL = baseAddress.ToString(),
            AcceptDownloads = true,
        });

    /// <summary>
    /// Collects what the page's Content-Security-Policy refuses (Chromium reports each refusal on the console), from
    /// now on and across navigations.
    /// </summary>
    public static System.Collections.Concurrent.ConcurrentQueue<string> CollectPolicyViolations(IPage page)
    {
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Enqueue($"{page.Url}: {message.Text}");
        };
        return violations;
    }

    /// <summary>Signs in as a demo user through the development sign-in in a new page; returns the page once it shows
    /// the user's start page.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string userId, string startPage)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dev/signin");
        await ChooseUserAsync(page, userId, startPage);
        return page;
    }

    /// <summary>On the development sign-in: chooses the demo user and waits for the start page it leads to.</summary>
    public static async Task ChooseUserAsync(IPage page, string userId, string startPage)
    {
        await page.Locator($"button[data-user='{userId}']").ClickAsync();
        // Only the address counts here: the page's own assertions wait for what it shows. Waiting for the load event
        // as well made sign-in time out now and then on a busy machine.
        try
        {
            await WaitForPathAsync(page, startPage);
        }
        catch (PlaywrightException e)
        {
            // Say what the sign-in page showed: a refused or unreachable token request, or nothing at all.
            var status = await page.Locator("#status").TextContentAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"sign-in as {userId} did not reach {startPage}; still at {page.Url}, status '{status}'", e);
        }
    }

    /// <summary>
    /// Waits until the page's address has <paramref name="path"/> (any query). It polls the address instead of waiting
    /// for a navigation event, so a navigation that commits just before the wait begins is not missed; on a busy machine
    /// an event-based wait now and then timed out although the page had long arrived.
    /// </summary>
    public static Task WaitForPathAsync(IPage page, string path, float timeout = 60_000) =>
        Assertions.Expect(page).ToHaveURLAsync(
            new Regex("^https?://[^/]+" + Regex.Escape(path) + "([?#].*)?$"), new() { Timeout = timeout });

    /// <summary>Signs in to the portal or the agent desktop (<see cref="SignInAsync"/>) and waits until its chat is
    /// connected.</summary>
    public static async Task<IPage> SignInToChatAsync(IBrowserContext context, string userId, string startPage)
    {
        var page = await SignInAsync(context, userId, startPage);
        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Verbunden", Text);
        return page;
    }

    /// <summary>
    /// An insured person in the portal and an agent at the agent desktop, each in a context of their own and signed in
    /// with the chat connected (<see cref="SignInToChatAsync"/>). The insured's context goes to
    /// <paramref name="insuredAddress"/> when given (a proxy in between), else to <paramref name="baseAddress"/>.
    /// </summary>
    public static async Task<ChatSides> SignInBothSidesAsync(
        IBrowser browser, Uri baseAddress, string insuredId, string agentId, Uri? insuredAddress = null)
    {
        var insuredContext = await NewContextAsync(browser, insuredAddress ?? baseAddress);
        IBrowserContext? agentContext = null;
        try
        {
            agentContext = await NewContextAsync(browser, baseAddress);
            var insured = await SignInToChatAsync(insuredContext, insuredId, "/portal/");
            var agent = await SignInToChatAsync(agentContext, agentId, "/agent/");
            return new ChatSides(insuredContext, agentContext, insured, agent, agentId);
        }
        catch
        {
            if (agentContext is not null)
                await agentContext.DisposeAsync();
            await insuredContext.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a chat in the portal; returns the conversation number the page shows.</summary>
    public static async Task<string> StartChatAsync(IPage insured, string topic)
    {
        await insured.Locator("#chat-topic-select").SelectOptionAsync(topic);
        await insured.GetByRole(AriaRole.Button, new() { Name = "Chat starten" }).ClickAsync();
        await Assertions.Expect(insured.Locator("#chat-topic")).ToHaveTextAsync(topic, Text);
        var id = await insured.Locator("#chat-id").GetAttributeAsync("data-conversation-id");
        Assert.True(Guid.TryParse(id, out _), $"conversation number '{id}'");
        await Assertions.Expect(insured.Locator("#chat-id")).ToHaveTextAsync(id!, Text);
        return id!;
    }

    /// <summary>A chat the insured starts in the portal and the agent takes over at once; returns its number.</summary>
    public static async Task<string> StartAndJoinAsync(KasseTestHost host, ChatSides sides, string topic)
    {
        var id = await StartChatAsync(sides.Insured, topic);
        await JoinAsync(host, sides.AgentId, sides.Agent, id);
        return id;
    }

    /// <summary>
    /// The agent takes over the chat through the inbox (accepts its offer, <see cref="ChatTakeOver"/>), then opens it at
    /// the agent desktop by its number and waits until the pane shows it. Only the assigned agent may open it.
    /// </summary>
    public static async Task JoinAsync(KasseTestHost host, string agentId, IPage agent, string conversationId)
    {
        await host.TakeOverChatAsync(agentId, Guid.Parse(conversationId));
        await agent.Locator("#join-id").FillAsync(conversationId);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        await Assertions.Expect(agent.Locator("#chat-id")).ToHaveAttributeAsync("data-conversation-id", conversationId, HasAttribute);
    }

    /// <summary>The two sides of a chat in the browser (<see cref="SignInBothSidesAsync"/>); disposing closes both
    /// contexts, the agent's first.</summary>
    public sealed class ChatSides(IBrowserContext insuredContext, IBrowserContext agentContext, IPage insured, IPage agent, string agentId)
        : IAsyncDisposable
    {
        public IPage Insured { get; } = insured;

        public string AgentId { get; } = agentId;

        public IPage Agent { get; } = agent;

        public void Deconstruct(out IPage insuredPage, out IPage agentPage) => (insuredPage, agentPage) = (Insured, Agent);

        public async ValueTask DisposeAsync()
        {
            await agentContext.DisposeAsync();
            await insuredContext.DisposeAsync();
        }
    }
}
