using System.Security.Cryptography;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Security;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// The production sign-in in a real browser: a silo in the Production environment trusts only its OpenID Connect
/// provider (a test provider on loopback); the UIs sign in with the authorization code flow and PKCE, then chat and
/// reach the dashboard with what they got.
/// </summary>
public sealed class ProductionSignInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private TestOpenIdProvider _provider = null!;
    private KasseTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestOpenIdProvider.StartAsync(
            new TestOpenIdUser("A123456780", "Erika Musterfrau", KasseRoles.Versicherter),
            new TestOpenIdUser("admin-betrieb", "Betrieb Admin", KasseRoles.Admin));
        _host = await KasseTestHost.StartAsync("Production", new Dictionary<string, string>
        {
            ["Auth:Authority"] = _provider.Issuer,
            ["Auth:RequireHttpsMetadata"] = "false",
            ["Auth:BrowserClientId"] = TestOpenIdProvider.ClientId,
            ["Privacy:PseudonymKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Production applies service hours; these tests chat at any hour.
            ["Inbox:ServiceHours:AlwaysOpen"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string userId, string startPage, string returnTo = "")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin/" + (returnTo.Length > 0 ? "?returnTo=" + Uri.EscapeDataString(returnTo) : ""));
        // The provider's own page: the user chooses who signs in.
        await page.Locator($"#user-{userId}").ClickAsync(new() { Timeout = BrowserSteps.Timeout });
        await BrowserSteps.WaitForPathAsync(page, startPage);
        return page;
    }

    [Fact]
    public async Task An_insured_person_signs_in_at_the_provider_and_chats()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, _host.BaseAddress);

        var page = await SignInAsync(context, "A123456780", "/portal/", returnTo: "/portal/");

        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Verbunden", Text);
        await BrowserSteps.StartChatAsync(page, "Leistungen");
        await Assertions.Expect(page.Locator("#chat-state")).ToHaveTextAsync("Offen", Text);
        Assert.Empty(_provider.Refusals);
    }

    [Fact]
    public async Task The_portal_renews_its_token_before_it_expires_and_keeps_chatting()
    {
        _provider.TokenLifetime = TimeSpan.FromSeconds(20);
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, _host.BaseAddress);
        var page = await SignInAsync(context, "A123456780", "/portal/", returnTo: "/portal/");
        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Verbunden", Text);
        var first = await page.EvaluateAsync<string>("JSON.parse(sessionStorage.getItem('kasse.session')).accessToken");
        var firstExpiry = await page.EvaluateAsync<double>("JSON.parse(atob(JSON.parse(sessionStorage.getItem('kasse.session')).accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000");

        // Renewed before the first token runs out, with a refresh token the provider accepts once.
        await page.WaitForFunctionAsync(
            "first => JSON.parse(sessionStorage.getItem('kasse.session')).accessToken !== first", first, new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<double>("Date.now()") < firstExpiry, "renewed before the first token expired");
        Assert.True(_provider.Refreshes >= 1);

        // Past the first token's expiry the chat still works (a connection closed at expiry comes back with the new token).
        await page.WaitForFunctionAsync("expiry => Date.now() > expiry", firstExpiry, new() { Timeout = 60_000 });
        await BrowserSteps.StartChatAsync(page, "Leistungen");
        await Assertions.Expect(page.Locator("#chat-state")).ToHaveTextAsync("Offen", Text);
        Assert.Empty(_provider.Refusals);
    }

    [Fact]
    public async Task An_admin_lands_on_the_admin_page_and_reaches_the_dashboard_only_while_signed_in_and_is_sent_to_sign_in_otherwise()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, _host.BaseAddress);
        // Signed out, the dashboard sends the browser to the provider's sign-in, and back to the dashboard after it.
        var anonymous = await context.NewPageAsync();
        await anonymous.GotoAsync("/dashboard");
        await anonymous.Locator("#user-admin-betrieb").ClickAsync(new() { Timeout = BrowserSteps.Timeout });
        await BrowserSteps.WaitForPathAsync(anonymous, "/dashboard/");
        await anonymous.CloseAsync();

        // No returnTo: the start page follows from the role the provider gave.
        var page = await SignInAsync(context, "admin-betrieb", "/admin/");
        var dashboard = await page.GotoAsync("/dashboard");
        Assert.Equal(200, dashboard!.Status);

        // Signing out forgets the token and the dashboard's cookie: the dashboard asks for a sign-in again.
        await page.GotoAsync("/admin/");
        await page.Locator("#signout-link").ClickAsync(new() { Timeout = BrowserSteps.Timeout });
        await BrowserSteps.WaitForPathAsync(page, "/");
        await page.GotoAsync("/dashboard");
        await page.Locator("#user-admin-betrieb").WaitForAsync(new() { Timeout = BrowserSteps.Timeout });
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('kasse.session')"));
    }

    [Fact]
    public async Task After_signing_in_the_user_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, _host.BaseAddress);

        var rules = await SignInAsync(context, "admin-betrieb", "/admin/rules/", returnTo: "/admin/rules/");
        Assert.EndsWith("/admin/rules/", rules.Url, StringComparison.Ordinal);

        // A backslash becomes a slash in the browser's parser: "/\evil.example" would be another host.
        var tricked = await SignInAsync(context, "admin-betrieb", "/admin/", returnTo: "/\\evil.example/");
        Assert.Equal(new Uri(_host.BaseAddress, "/admin/"), new Uri(tricked.Url));
    }

    [Fact]
    public async Task A_callback_that_answers_no_request_of_this_tab_signs_nobody_in()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, _host.BaseAddress);
        var page = await context.NewPageAsync();

        // A sign-in is under way in this tab, but the answer carries another state (e.g. one an attacker obtained).
        await page.GotoAsync("/signin/");
        await page.Locator("#user-A123456780").WaitForAsync(new() { Timeout = BrowserSteps.Timeout });
        await page.GotoAsync("/signin/?code=forged&state=forged");

        await Assertions.Expect(page.Locator("#signin-status")).ToContainTextAsync("Anmeldung fehlgeschlagen", Contains);
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('kasse.session')"));
        Assert.Empty(_provider.Refusals); // refused before any code reached the provider
    }

    [Fact]
    public async Task A_refused_token_ends_at_a_sign_in_prompt_that_leads_back_to_the_page()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, _host.BaseAddress);
        var page = await SignInAsync(context, "A123456780", "/portal/", returnTo: "/portal/");
        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Verbunden", Text);

        // The token's signature no longer matches (as a revoked or tampered token): the server refuses it.
        await page.EvaluateAsync(
            "() => { const s = JSON.parse(sessionStorage.getItem('kasse.session')); const t = s.accessToken; " +
            "s.accessToken = t.slice(0, -4) + (t.endsWith('AAAA') ? 'BBBB' : 'AAAA'); sessionStorage.setItem('kasse.session', JSON.stringify(s)); }");
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("#session-refused")).ToContainTextAsync("Bitte melden Sie sich erneut an.", Contains);
        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Abgemeldet – bitte erneut anmelden", Text);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Unauthorized");

        await page.Locator("#session-signin").ClickAsync(new() { Timeout = BrowserSteps.Timeout });
        await page.Locator("#user-A123456780").ClickAsync(new() { Timeout = BrowserSteps.Timeout });
        await BrowserSteps.WaitForPathAsync(page, "/portal/");
        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Verbunden", Text);
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync("Angemeldet als Erika Musterfrau", Text);
    }
}
