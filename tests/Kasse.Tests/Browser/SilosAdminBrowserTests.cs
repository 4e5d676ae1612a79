using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// The admin page "Silos" in a real browser: the embedded host's one silo with its figures, and its drain refused
/// (the only active silo) with the server's reason on the page.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class SilosAdminBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_silo_page_shows_the_active_silo_with_its_figures_and_refuses_to_drain_the_only_one()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var admin = await BrowserSteps.SignInAsync(context, "admin", "/admin/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Silos", Exact = true }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(admin, "/admin/silos/");

        var row = admin.Locator("#silos tr[data-status='Active']");
        await Assertions.Expect(row).ToHaveCountAsync(1, Count);
        var cells = row.Locator("td");
        await Assertions.Expect(cells.Nth(2)).ToHaveTextAsync("Aktiv", Text);
        await Assertions.Expect(cells.Nth(3)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ (Min\.|Std\.|T) "), Text);
        await Assertions.Expect(cells.Nth(4)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[1-9][\d.]*$"), Text);
        await Assertions.Expect(cells.Nth(6)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d,]+ %$"), Text);
        await Assertions.Expect(cells.Nth(7)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d.,]+ MiB$"), Text);

        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Herunterfahren" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#status")).ToContainTextAsync("einzige aktive Silo", Contains);
        await Assertions.Expect(row).ToHaveCountAsync(1, Count);
    }
}
