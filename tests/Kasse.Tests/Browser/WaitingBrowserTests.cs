using System.Text.RegularExpressions;
using Kasse.Conversations;
using Kasse.Inbox;
using Kasse.Tests.Inbox;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// The insured who waits, in the browser: the place in line and the estimated wait under the chat's state, live and in
/// both languages; and a phone-sized portal that still works. Each test on a host of its own, so no chat of another
/// test waits ahead in the chat queue.
/// </summary>
public sealed partial class WaitingBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly EmbeddedHostFixture _host = new();

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string Insured = "T012345678";

    [GeneratedRegex("^Sie sind an Position 2 – geschätzte Wartezeit ca\\. \\d+ Minuten?$")]
    private static partial Regex SecondInGerman();

    [GeneratedRegex("^You are number 1 in the queue – estimated wait about \\d+ minutes?$")]
    private static partial Regex FirstInEnglish();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Waiting_insured_sees_the_position_and_the_estimated_wait_in_german_and_in_english()
    {
        var grains = _host.Host.Services.GetRequiredService<IGrainFactory>();
        await using var other = _host.Host.CreateHubConnection(CustomerHub.Path, await _host.Host.SignInAsync("A123456780"));
        await other.StartAsync();
        // Two chats were taken already (so the queue knows its pace), one waits ahead.
        var desk = grains.GetGrain<IAgentDeskGrain>("agent-" + Guid.NewGuid().ToString("N"));
        await desk.SetPresence(AgentPresence.Available, new AgentRoutingProfile(null, ["chat"], new AgentCapacity(8, new Dictionary<WorkChannel, int> { [WorkChannel.Chat] = 4 })));
        var taken = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var itemId = await StartChat(other);
            await desk.Accept((await desk.OfferOfAsync(itemId, Timeout)).OfferId);
            taken.Add(itemId);
        }
        await StartChat(other);

        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, _host.Host.BaseAddress);
        var portal = await BrowserSteps.SignInToChatAsync(context, Insured, "/portal/");
        await BrowserSteps.StartChatAsync(portal, "Beiträge");
        await Assertions.Expect(portal.Locator("#chat-queue-position")).ToHaveTextAsync(SecondInGerman(), Text);

        // In English, after a reload: the page asks for the position at once; then the line moves live.
        await portal.GotoAsync("/portal/?lang=en");
        await Assertions.Expect(portal.Locator("#chat-queue-position")).ToHaveAttributeAsync("data-position", "2", HasAttribute);
        await desk.Complete(taken[0]);
        await Assertions.Expect(portal.Locator("#chat-queue-position")).ToHaveTextAsync(FirstInEnglish(), Text);
        await portal.GotoAsync("/portal/?lang=de");
    }

    [Fact]
    public async Task A_narrow_phone_sized_portal_still_works()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "de-DE",
            BaseURL = _host.Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 375, Height = 667 },
        });
        var portal = await BrowserSteps.SignInToChatAsync(context, Insured, "/portal/");
        await BrowserSteps.StartChatAsync(portal, "Leistungen");

        await portal.Locator("#chat-input").FillAsync("Guten Tag, eine Frage vom Telefon aus.");
        var send = portal.Locator("#chat-send");
        await Assertions.Expect(send).ToBeVisibleAsync(Visible);
        await send.ClickAsync();
        await Assertions.Expect(portal.Locator("#chat-messages li.chat-message.mine").Last).ToHaveAttributeAsync("data-status", new Regex("^(sent|read)$"), HasAttribute);
        await PageLayout.AssertNoSidewaysScrollAsync(portal);
    }

    /// <summary>Another insured person starts a chat as the portal does; returns its work item's id.</summary>
    private static async Task<string> StartChat(HubConnection insured)
    {
        var id = Guid.NewGuid();
        await insured.InvokeAsync<ConversationView>(nameof(CustomerHub.StartConversation), id, "Beiträge", null);
        return WorkItemKeys.External(WorkChannel.Chat, id.ToString());
    }
}
