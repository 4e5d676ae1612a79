using System.Text.RegularExpressions;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;
using static Kasse.Tests.Browser.FormsBrowserSteps;

namespace Kasse.Tests.Browser;

/// <summary>
/// The portal's forms page alone: the insured fills the SEPA mandate, submits it and downloads the control document;
/// every field has a label and a refused submit leads to the field whose error is tied to it; a phone-sized screen
/// needs no sideways scrolling.
/// </summary>
[Collection(FormsHostCollection.Name)]
public sealed class FormsPortalBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private KasseTestHost Host => host.Host;

    private static async Task<IPage> OpenFormsPageAsync(IBrowserContext context, string insuredId)
    {
        var page = await BrowserSteps.SignInAsync(context, insuredId, "/portal/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Meine Formulare" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(page, "/portal/forms.html");
        await Assertions.Expect(page.Locator("#forms-connection")).ToHaveTextAsync("Verbunden", Text);
        return page;
    }

    private static async Task StartAsync(IPage page, string formName)
    {
        await Assertions.Expect(page.Locator($"#form-definition option[value='{formName}']")).ToHaveCountAsync(1, Count);
        await page.Locator("#form-definition").SelectOptionAsync(formName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Formular beginnen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#form-pane")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.Locator("#form-session .form-view")).ToHaveAttributeAsync("data-form", formName, HasAttribute);
    }

    [Fact]
    public async Task Insured_fills_the_sepa_mandate_alone_submits_it_and_downloads_the_pdf_control_document()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var page = await OpenFormsPageAsync(context, "T012345678");
        await StartAsync(page, "sepa-lastschriftmandat");

        await Field(page, "kontoinhaberName").FillAsync("Jürgen Weißmüller");
        var address = page.Locator("#form-session [data-path='kontoinhaberAdresse']");
        await address.GetByLabel("Straße").FillAsync("Lindenweg");
        await address.GetByLabel("Hausnummer").FillAsync("7");
        await address.GetByLabel("Postleitzahl").FillAsync("10115");
        await address.GetByLabel("Ort").FillAsync("Berlin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await Field(page, "iban").FillAsync("DE89370400440532013000");
        await page.Locator("#form-session [data-path='zahlungsart'] input[type='radio']").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();
        await Field(page, "mandatErteilt").CheckAsync();
        await Field(page, "ort").FillAsync("Berlin");
        await Field(page, "datum").FillAsync(DateTime.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByRole(AriaRole.Button, new() { Name = "Absenden" }).ClickAsync();
        await Assertions.Expect(page.Locator("#form-receipt")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.Locator("#form-receipt-text")).ToContainTextAsync("Aktenzeichen FS-", Contains);
        await Assertions.Expect(page.Locator("#form-submit-row")).ToBeHiddenAsync(Hidden);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Kontrolldokument (PDF) herunterladen" }).ClickAsync());
        Assert.Null(await download.FailureAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        await using var stream = await download.CreateReadStreamAsync();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        Assert.True(bytes.Length > 100, $"{bytes.Length} bytes");
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        await Assertions.Expect(page.Locator("#form-pdf-error")).ToHaveTextAsync("", Text);

        // The list names the submitted form.
        await Assertions.Expect(page.Locator("#forms-list")).ToContainTextAsync("Abgeschickt", Contains);
    }

    [Fact]
    public async Task Every_field_has_a_label_and_a_refused_submit_goes_to_the_first_step_with_an_error_tied_to_its_field()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var page = await OpenFormsPageAsync(context, "A123456780");
        await StartAsync(page, "unfallfragebogen");

        // Every input of every step is labelled by a <label for> with text.
        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#form-session input, #form-session select, #form-session textarea')]" +
            ".filter(e => ![...e.labels].some(l => l.textContent.trim().length > 0)).map(e => e.id || e.name)");
        Assert.Empty(unlabelled);
        await Assertions.Expect(Field(page, "hergangBeschreibung")).ToHaveAccessibleNameAsync(new Regex("^Beschreibung des Unfalls"), new() { Timeout = BrowserSteps.Timeout });

        // Keyboard: the fields follow each other in the tab order.
        await Field(page, "unfallOrt").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Field(page, "unfallOrtBeschreibung")).ToBeFocusedAsync(new() { Timeout = BrowserSteps.Timeout });

        // Go to the last step and submit the empty form: the server refuses it, and the page goes to the first step with an
        // error, where the field's error is its accessible description and the field is marked invalid.
        await Step(page, "behandlung").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Absenden" }).ClickAsync();
        await Assertions.Expect(page.Locator("#form-submit-error")).ToHaveTextAsync(new Regex(".+"), Text);
        await Assertions.Expect(Step(page, "unfall")).ToHaveAttributeAsync("aria-current", "step", HasAttribute);
        await Assertions.Expect(page.Locator("#form-session .form-step-entry[data-step-id='unfall']")).ToHaveAttributeAsync("data-has-errors", "true", HasAttribute);
        var invalid = page.Locator("#form-session .form-step:not([hidden]) [aria-invalid='true']").First;
        await Assertions.Expect(invalid).ToBeVisibleAsync(Visible);
        var errorId = (await invalid.GetAttributeAsync("aria-describedby"))!.Split(' ').Single(id => id.EndsWith("-error", StringComparison.Ordinal));
        var errorText = await page.Locator($"#{errorId}").TextContentAsync();
        Assert.False(string.IsNullOrWhiteSpace(errorText));
        await Assertions.Expect(invalid).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(errorText!.Trim())), new() { Timeout = BrowserSteps.Timeout });
    }

    [Fact]
    public async Task A_file_chosen_for_a_file_field_is_uploaded_and_the_field_names_it_from_the_servers_state()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var page = await OpenFormsPageAsync(context, "T012345678");
        await StartAsync(page, "unfallfragebogen");
        await Step(page, "behandlung").ClickAsync();

        // The upload field appears only when the server says so (after a treatment).
        var upload = page.Locator("#form-session [data-path='unterlagen']");
        await Assertions.Expect(upload).ToBeHiddenAsync(Hidden);
        await page.Locator("#form-session [data-path='behandelt']").GetByLabel("Ja").CheckAsync();
        await Assertions.Expect(upload).ToBeVisibleAsync(Visible);

        var pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray();
        await upload.Locator("input[type='file']").SetInputFilesAsync(new FilePayload { Name = "arztbericht.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Assertions.Expect(upload.Locator(".form-file-current")).ToHaveTextAsync("Datei: arztbericht.pdf", Text);
        await Assertions.Expect(upload.GetByRole(AriaRole.Button, new() { Name = "Datei entfernen" })).ToBeVisibleAsync(Visible);

        // Opened again (another device, a reload): the server still has it.
        await page.ReloadAsync();
        await Step(page, "behandlung").ClickAsync();
        await Assertions.Expect(page.Locator("#form-session [data-path='unterlagen'] .form-file-current")).ToHaveTextAsync("Datei: arztbericht.pdf", Text);
    }

    [Fact]
    public async Task The_forms_page_needs_no_sideways_scrolling_on_a_390_px_wide_screen()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "de-DE",
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await OpenFormsPageAsync(context, "Z987654321");
        await PageLayout.AssertNoSidewaysScrollAsync(page);
        await StartAsync(page, "unfallfragebogen");
        foreach (var step in new[] { "unfall", "beteiligte", "behandlung" })
        {
            await Step(page, step).ClickAsync();
            await Assertions.Expect(page.Locator($"#form-session .form-step[data-step-id='{step}']")).ToBeVisibleAsync(Visible);
            await PageLayout.AssertNoSidewaysScrollAsync(page);
        }
        await Step(page, "beteiligte").ClickAsync();
        await page.Locator("#form-session [data-path='zeugenVorhanden'] input[type='radio']").First.CheckAsync();
        await page.Locator("#form-session [data-path='zeugen'] .form-add-row").ClickAsync();
        await Assertions.Expect(page.Locator("#form-session [data-path='zeugen'] .form-row")).ToHaveCountAsync(1, Count);
        await PageLayout.AssertNoSidewaysScrollAsync(page);
    }
}
