using Kasse.Tests.Browser;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Campaigns.Dwh;

/// <summary>The admin page "Versichertendaten" in a real browser: an upload whose import's progress bar reaches 100 %, its counts and rejected row.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class DwhAdminBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int Rows = 12_000;

    [Fact]
    public async Task An_uploaded_extract_shows_its_live_progress_reaching_100_percent_with_counts_and_the_rejected_row()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, host.Host.BaseAddress);
        var admin = await BrowserSteps.SignInAsync(context, "admin", "/admin/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Versichertendaten (DWH-Import)" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(admin, "/admin/customers/");
        // KVNRs no other test uses: every row is new.
        var first = 70_000_000 + Random.Shared.Next(0, 20_000_000);

        await admin.Locator("#upload-file").SetInputFilesAsync(new FilePayload
        {
            Name = "versicherte.csv",
            MimeType = "text/csv",
            Buffer = DwhSamples.GeneratedFile(Rows, first),
        });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Hochladen und importieren" }).ClickAsync();

        await Assertions.Expect(admin.Locator("#upload-percent")).ToHaveTextAsync("100 %", Text);
        await Assertions.Expect(admin.Locator("#import")).ToHaveAttributeAsync("data-status", "Completed", HasAttribute);
        await Assertions.Expect(admin.Locator("#import-progress")).ToHaveAttributeAsync("value", "100", HasAttribute);
        await Assertions.Expect(admin.Locator("#import-percent")).ToHaveTextAsync("100 %", Text);
        await Assertions.Expect(admin.Locator("#import-rows")).ToHaveTextAsync("12.001", Text);
        await Assertions.Expect(admin.Locator("#import-inserted")).ToHaveTextAsync("12.000", Text);
        await Assertions.Expect(admin.Locator("#import-rejected")).ToHaveTextAsync("1", Text);
        var rejected = admin.Locator("#import-errors tr");
        await Assertions.Expect(rejected).ToHaveCountAsync(1, Count);
        await Assertions.Expect(rejected.Locator("td").First).ToHaveTextAsync("2", Text);
        await Assertions.Expect(rejected.Locator("td").Nth(1)).ToHaveTextAsync("KVNR", Text);
        var importId = await admin.Locator("#import").GetAttributeAsync("data-import-id");
        await Assertions.Expect(admin.Locator($"#recent tr[data-import-id='{importId}']")).ToHaveCountAsync(1, Count);
    }
}
