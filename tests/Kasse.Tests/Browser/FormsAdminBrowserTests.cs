using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>The admin's forms page: the shipped definitions, and a preview whose fields follow the server's rules.</summary>
[Collection(FormsHostCollection.Name)]
public sealed class FormsAdminBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_lists_the_three_shipped_forms_and_the_preview_shows_a_field_only_while_its_visible_if_holds()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var page = await BrowserSteps.SignInAsync(context, "admin", "/admin/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Formulare" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(page, "/admin/forms/");

        var rows = page.Locator("#definitions tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3, Count);
        foreach (var name in new[] { "sepa-lastschriftmandat", "steuer-id-rueckmeldung", "unfallfragebogen" })
            await Assertions.Expect(page.Locator($"#definitions tr[data-name='{name}']")).ToHaveCountAsync(1, Count);
        await Assertions.Expect(page.Locator("#definitions tr[data-name='unfallfragebogen']")).ToContainTextAsync("Unfallfragebogen", Contains);

        await page.GetByRole(AriaRole.Button, new() { Name = "Vorschau von unfallfragebogen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-title")).ToContainTextAsync("Unfallfragebogen", Contains);
        await page.Locator("#preview-form .form-step-entry[data-step-id='beteiligte'] button").ClickAsync();

        // The third party's name is visible only while "third party involved" is yes: the server says so, every time.
        var thirdParty = page.Locator("#preview-form [data-path='dritterName']");
        var involved = page.Locator("#preview-form [data-path='dritterBeteiligt']");
        await Assertions.Expect(involved).ToBeVisibleAsync(Visible);
        await Assertions.Expect(thirdParty).ToBeHiddenAsync(Hidden);
        await involved.GetByLabel("Ja").CheckAsync();
        await Assertions.Expect(thirdParty).ToBeVisibleAsync(Visible);
        await involved.GetByLabel("Nein").CheckAsync();
        await Assertions.Expect(thirdParty).ToBeHiddenAsync(Hidden);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("", Text);
    }
}
