using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Waiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// Outside the service hours (a host on a Sunday evening, hours Mon–Fri 08–18) the portal shows when the chat opens
/// and a callback form instead of the chat start; a request becomes a callback work item — also on a phone.
/// </summary>
public sealed class CallbackBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Insured = "Z987654321";
    private KasseTestHost? _host;

    private KasseTestHost Host => _host!;

    public async Task InitializeAsync() => _host = await ServiceHoursHubTests.StartClosedAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    [Fact]
    public async Task Closed_hours_show_the_callback_form_and_a_request_creates_a_callback_item()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var portal = await BrowserSteps.SignInToChatAsync(context, Insured, "/portal/");

        await Assertions.Expect(portal.Locator("#service-status")).ToContainTextAsync(
            "Unser Chat ist gerade geschlossen. Wir sind wieder für Sie da am Montag", Contains);
        await Assertions.Expect(portal.Locator("#chat-start")).ToBeHiddenAsync(Hidden);
        await RequestCallbackAsync(portal, "Leistungen", "030 / 123 45 67");

        var text = portal.Locator("#callback-confirmation-text");
        await Assertions.Expect(text).ToContainTextAsync("Vielen Dank! Wir rufen Sie unter +49 ••• 67 zurück. Ihre Referenz: RR-", Contains);
        var item = await Host.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IWorkItemGrain>((await text.GetAttributeAsync("data-work-item-id"))!).GetView();
        Assert.Equal(WorkChannel.Callback, item!.Channel);
        Assert.Equal("Leistungen", item.Topic);
        Assert.Equal(await text.GetAttributeAsync("data-reference"), item.Reference);

        // In English the same page speaks English.
        await portal.GotoAsync("/portal/?lang=en");
        await Assertions.Expect(portal.Locator("#service-status")).ToContainTextAsync("Our chat is closed right now. We are back on Monday", Contains);
        await Assertions.Expect(portal.GetByRole(AriaRole.Button, new() { Name = "Request a callback" })).ToBeVisibleAsync(Visible);
        await portal.GotoAsync("/portal/?lang=de");
    }

    [Fact]
    public async Task On_a_phone_sized_screen_the_callback_form_is_usable_without_scrolling_sideways()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "de-DE",
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 375, Height = 667 },
        });
        var portal = await BrowserSteps.SignInToChatAsync(context, Insured, "/portal/");
        await Assertions.Expect(portal.Locator("#service-closed")).ToBeVisibleAsync(Visible);
        await PageLayout.AssertNoSidewaysScrollAsync(portal);

        // A number that is not German is refused in the form; a German one is accepted.
        await RequestCallbackAsync(portal, "Beiträge", "+43 1 234567");
        await Assertions.Expect(portal.Locator("#callback-error")).ToHaveTextAsync("Bitte geben Sie eine deutsche Telefonnummer ein, z. B. 030 1234567.", Text);
        await RequestCallbackAsync(portal, "Beiträge", "0171 1234567");
        await Assertions.Expect(portal.Locator("#callback-confirmation-text")).ToContainTextAsync("Ihre Referenz: RR-", Contains);
        await PageLayout.AssertNoSidewaysScrollAsync(portal);
    }

    private static async Task RequestCallbackAsync(IPage portal, string topic, string phone)
    {
        await portal.Locator("#callback-topic").SelectOptionAsync(topic);
        await portal.GetByLabel("Ihre Telefonnummer").FillAsync(phone);
        var submit = portal.GetByRole(AriaRole.Button, new() { Name = "Rückruf anfordern" });
        await Assertions.Expect(submit).ToBeVisibleAsync(Visible);
        await submit.ClickAsync();
    }
}
