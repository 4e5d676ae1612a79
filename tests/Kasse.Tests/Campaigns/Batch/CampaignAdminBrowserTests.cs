using Kasse.Tests.Browser;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>The admin page in Chromium: a definition saved as JSON, a refused rule shown, the run's live progress to 100 %.</summary>
public sealed class CampaignAdminBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_saves_a_campaign_sees_a_broken_rule_and_watches_the_run_reach_100_percent()
    {
        var gate = new RecordingContactGate();
        var customers = CampaignSamples.Population(1_200, "b", postalCode: "01067");
        await using var host = await CampaignTestHosts.StartAsync(gate, await CampaignTestHosts.MasterWithAsync(customers));
        var definition = System.Text.Json.JsonSerializer.Serialize(CampaignSamples.Magazine(postalCode: "01067"), Kasse.Grains.Campaigns.Batch.CampaignJson.Options);
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.BaseAddress);
        var admin = await BrowserSteps.SignInAsync(context, "admin", "/admin/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Kampagnen" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(admin, "/admin/campaigns/");

        await admin.Locator("#campaign-id").FillAsync("magazin-browser");
        await admin.Locator("#definition").FillAsync(definition.Replace("input.PostalCode", "input.Postleitzahl", StringComparison.Ordinal));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#edit-error")).ToContainTextAsync("Postleitzahl", Contains);
        await admin.Locator("#definition").FillAsync(definition);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#campaign-status")).ToHaveTextAsync("Entwurf", Text);
        await Assertions.Expect(admin.Locator("#campaigns tr")).ToHaveCountAsync(1, Count);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Aktivieren" }).ClickAsync();

        await Assertions.Expect(admin.Locator("#run")).ToHaveAttributeAsync("data-status", "Completed", HasAttribute);
        await Assertions.Expect(admin.Locator("#run-progress")).ToHaveAttributeAsync("value", "100", HasAttribute);
        await Assertions.Expect(admin.Locator("#run-percent")).ToHaveTextAsync("100 %", Text);
        await Assertions.Expect(admin.Locator("#run-targeted")).ToHaveTextAsync("1.200", Text);
        await Assertions.Expect(admin.Locator("#campaign-status")).ToHaveTextAsync("Abgeschlossen", Text);
        Assert.Equal(gate.ConfirmedPerCustomer.Count, customers.Count - int.Parse(await admin.Locator("#run-control").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture));
    }
}
