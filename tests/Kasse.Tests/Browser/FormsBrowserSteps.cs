using System.Collections.Concurrent;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// Steps the forms browser tests share: the agent takes a chat through the inbox and proposes a form in it, the insured
/// opens it from the chat card and accepts the agent; the shared form's fields by their paths.
/// </summary>
public static class FormsBrowserSteps
{
    /// <summary>The one input of a field (text, date, select, checkbox) in the page's form pane, by the field's path.</summary>
    public static ILocator Field(IPage page, string path) =>
        page.Locator($"#form-session [data-path='{path}'] .form-input, #form-session [data-path='{path}'] input[type='checkbox']").First;

    /// <summary>The conflict notice of a field.</summary>
    public static ILocator Notice(IPage page, string path) => page.Locator($"#form-session [data-path='{path}'] .form-notice");

    /// <summary>A step's button in the wizard's step list.</summary>
    public static ILocator Step(IPage page, string stepId) => page.Locator($"#form-session .form-step-entry[data-step-id='{stepId}'] button");

    /// <summary>Signs an agent in at the agent desktop and makes them available for offers.</summary>
    public static async Task<IPage> OpenWorkspaceAsync(IBrowserContext context, string agentId, IPage? page = null)
    {
        page ??= await context.NewPageAsync();
        await page.GotoAsync("/dev/signin");
        await BrowserSteps.ChooseUserAsync(page, agentId, "/agent/");
        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Verbunden", Text);
        await Assertions.Expect(page.Locator("#presence")).ToBeEnabledAsync(new() { Timeout = BrowserSteps.Timeout });
        await page.Locator("#presence").SelectOptionAsync("Available");
        await Assertions.Expect(page.Locator("#presence")).ToHaveValueAsync("Available", Value);
        return page;
    }

    /// <summary>The agent accepts the chat's offer in the inbox (nobody types its number); the chat pane opens it.</summary>
    public static async Task AcceptChatAsync(IPage agent, string conversationId)
    {
        await AcceptItemAsync(agent, $"chat:{conversationId}");
        await Assertions.Expect(agent.Locator("#chat-id")).ToHaveAttributeAsync("data-conversation-id", conversationId, HasAttribute);
    }

    /// <summary>The agent accepts a work item's offer in the inbox; the item is then selected.</summary>
    public static async Task AcceptItemAsync(IPage agent, string itemId)
    {
        var entry = agent.Locator($"#inbox-list li[data-item-id='{itemId}']");
        await Assertions.Expect(entry).ToHaveAttributeAsync("data-kind", "offer", HasAttribute);
        await entry.GetByRole(AriaRole.Button, new() { Name = "Annehmen" }).ClickAsync();
        await Assertions.Expect(entry).ToHaveAttributeAsync("data-kind", "assigned", HasAttribute);
    }

    /// <summary>The agent proposes a form in the open chat and waits for the insured's consent.</summary>
    public static async Task ProposeAsync(IPage agent, string formName)
    {
        await Assertions.Expect(agent.Locator("#form-propose-chat")).ToBeEnabledAsync(new() { Timeout = BrowserSteps.Timeout });
        await agent.Locator("#form-definition").SelectOptionAsync(formName);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Formular vorschlagen" }).ClickAsync();
        try
        {
            await Assertions.Expect(agent.Locator("#form-waiting")).ToBeVisibleAsync(Visible);
        }
        catch (PlaywrightException e)
        {
            // Say why: the page shows the refusal of the start.
            throw new InvalidOperationException($"the proposal did not wait for consent; the page says '{await agent.Locator("#form-start-error").TextContentAsync()}'", e);
        }
        await Assertions.Expect(agent.Locator("#form-live")).ToBeHiddenAsync(Hidden);
    }

    /// <summary>The insured opens the proposed form from the chat card and lets the agent in.</summary>
    public static async Task OpenFromChatAndAcceptAsync(IPage insured, IPage agent)
    {
        var card = insured.Locator("#chat-messages .chat-form-proposal");
        await Assertions.Expect(card).ToContainTextAsync("schlägt das Formular", Contains);
        await card.GetByRole(AriaRole.Link, new() { Name = "Formular öffnen" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(insured, "/portal/forms.html");
        await Assertions.Expect(insured.Locator("#form-access-request")).ToBeVisibleAsync(Visible);
        await insured.GetByRole(AriaRole.Button, new() { Name = "Annehmen" }).ClickAsync();
        await Assertions.Expect(insured.Locator("#form-access-granted")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(agent.Locator("#form-live")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(agent.Locator("#form-waiting")).ToBeHiddenAsync(Hidden);
    }

    /// <summary>Takes the agent off the inbox again, so a later test's chat is not offered to them (best effort).</summary>
    public static async Task GoOfflineAsync(IPage agent)
    {
        try
        {
            await agent.Locator("#presence").SelectOptionAsync("Offline", new() { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            // The page is gone or broken: the test has failed already and says why.
        }
    }

    /// <summary>Collects the text of every WebSocket frame the page receives from now on (for pages created, not yet loaded).</summary>
    public static ConcurrentQueue<string> CollectReceivedFrames(IPage page)
    {
        var frames = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            frames.Enqueue(frame.Text ?? System.Text.Encoding.UTF8.GetString(frame.Binary ?? []));
        return frames;
    }

    /// <summary>The bound of "within a second", scaled for a slow machine like every other wait.</summary>
    public static float WithinASecond => (float)TestTimeouts.Scaled(TimeSpan.FromSeconds(1)).TotalMilliseconds;
}
