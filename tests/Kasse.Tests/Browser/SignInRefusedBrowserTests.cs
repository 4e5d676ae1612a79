using Kasse.Tests.Infrastructure;
using Kasse.Web.Development;
using Kasse.Web.Security;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// A page whose token the server no longer accepts (as after a restart that changed the signing key, or an expired
/// token) ends at a plain request to sign in again, never at "Fehler: Unauthorized" or a chat that reconnects forever.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class SignInRefusedBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string InsuredId = "A123456780";

    [Fact]
    public async Task Portal_reloaded_with_a_token_from_a_previous_server_asks_for_a_new_sign_in()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await BrowserSteps.SignInToChatAsync(context, InsuredId, "/portal/");

        await ReplaceTokenAsync(page, TokenOfAnotherServer());
        await page.ReloadAsync();

        await ExpectSignInPromptAsync(page);
        await Assertions.Expect(page.Locator("#content")).Not.ToContainTextAsync("Unauthorized");
    }

    [Fact]
    public async Task Open_portal_whose_connection_comes_back_with_a_refused_token_asks_for_a_new_sign_in()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var tap = await HubTap.AttachAsync(context, "/hubs/customer");
        var page = await BrowserSteps.SignInToChatAsync(context, InsuredId, "/portal/");

        // The server "restarts" with another key: the connection drops and the page's token is no longer valid.
        await ReplaceTokenAsync(page, TokenOfAnotherServer());
        await tap.CutAsync();

        await ExpectSignInPromptAsync(page);
    }

    private static async Task ExpectSignInPromptAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#session-refused")).ToContainTextAsync("Bitte melden Sie sich erneut an.", Contains);
        await Assertions.Expect(page.Locator("#session-signin")).ToHaveAttributeAsync("href", "/signin/?returnTo=%2Fportal%2F", HasAttribute);
        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Abgemeldet – bitte erneut anmelden", Text);
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync("Nicht angemeldet", Text);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Unauthorized");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('kasse.session')"));
    }

    private static Task ReplaceTokenAsync(IPage page, string token) => page.EvaluateAsync(
        "token => { const s = JSON.parse(sessionStorage.getItem('kasse.session')); s.accessToken = token; sessionStorage.setItem('kasse.session', JSON.stringify(s)); }",
        token);

    /// <summary>A well-formed development token for the same user, signed with another key (a previous process's).</summary>
    private static string TokenOfAnotherServer()
    {
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var tokens = new DevelopmentTokens(Options.Create(new AuthOptions { DevelopmentSigningKey = otherKey }));
        return tokens.Issue(DemoDirectory.FindUser(InsuredId)!, TimeSpan.FromHours(1));
    }
}
