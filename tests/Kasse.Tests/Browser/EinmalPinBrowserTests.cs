using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kasse.EinmalPin;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Kasse.Tests.Browser.BrowserWaits;
using static Kasse.Tests.Browser.FormsBrowserSteps;

namespace Kasse.Tests.Browser;

/// <summary>
/// EinmalPIN end to end in a real browser: an admin imports a print data stream on the admin page (live progress to
/// 100 %, the rejected row, the letters of the import), the print shop fetches the print CSV, and the insured opens the
/// letter's link, logs in with PIN and birth date, fills the guided form, uploads a document, submits and downloads the
/// control document; a case the stp rule set accepts closes by itself, one it does not goes to an agent's inbox; the
/// admin page counts both.
/// </summary>
[Collection(EinmalPinHostCollection.Name)]
public sealed class EinmalPinBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SteuerId = "36574261809";

    private KasseTestHost Host => host.Host;

    private static string NewCaseNumberPrefix() => "VB" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The count of a status as the admin page shows it.</summary>
    private static async Task<int> CountOnPageAsync(IPage admin, string status) =>
        int.Parse(await admin.Locator($"#counts tr[data-status='{status}'] .pin-count").TextContentAsync() ?? "", NumberStyles.AllowThousands, German);

    private static string InDays(int days) => DateTime.Today.AddDays(days).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>A print data stream as the core system writes it: two good cases and one with a wrong KVNR check digit.</summary>
    private static byte[] PrintDataStream(string steuerCase, string accidentCase, string badCase)
    {
        var text = new StringBuilder()
            .Append("Vorgangsnummer;Vorgangsart;KVNR;Vorname;Nachname;Geburtsdatum;Strasse;PLZ;Ort;Frist;Vorbelegung_IBAN;Vorbelegung_SteuerID\r\n")
            .Append(CultureInfo.InvariantCulture, $"{steuerCase};STEUER_ID;A123456780;Anna;Bergmann;12.03.1984;\"Lindenweg 7\";10115;Berlin;{InDays(30)};;{SteuerId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"{accidentCase};UNFALLFRAGEBOGEN;T012345678;Jürgen;Weißmüller;02.11.1957;\"Straße des 17. Juni 31\";20095;Hamburg;{InDays(30)};;\r\n")
            .Append(CultureInfo.InvariantCulture, $"{badCase};STEUER_ID;A123456781;Leyla;Öztürk-Schmidt;30.07.2001;\"Marktplatz 1\";24103;Kiel;{InDays(30)};;\r\n")
            .ToString();
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    private async Task<HttpClient> ClientAsAsync(string userId) => Host.CreateClient(await Host.SignInAsync(userId));

    private static Task<string> CaseStatusAsync(HttpClient client, string caseNumber) =>
        StatusAtAsync(client, $"/api/einmalpin/cases/{caseNumber}");

    private static async Task<string> StatusAtAsync(HttpClient client, string path)
    {
        using var view = JsonDocument.Parse(await client.GetStringAsync(path));
        return view.RootElement.GetProperty("status").GetString()!;
    }

    /// <summary>Opens the letter's link and logs in; returns once the case's form is shown.</summary>
    private static async Task LogInByLinkAsync(IPage page, EinmalPinLetter letter, string birthDate)
    {
        await page.GotoAsync("/pin/" + letter.Fragment);
        await Assertions.Expect(page.Locator("#pin-login")).ToBeVisibleAsync(Visible);
        // The token left the address bar at once (it must not end up in bookmarks, history or screenshots).
        Assert.DoesNotContain("#t=", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#pin-login-link")).ToBeVisibleAsync(Visible);
        await page.GetByLabel("PIN", new() { Exact = true }).FillAsync(letter.Pin);
        await page.GetByLabel("Geburtsdatum").FillAsync(birthDate);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(page.Locator("#pin-case")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(page.Locator("#pin-case-title")).ToHaveTextAsync($"Vorgang {letter.CaseNumber}", Text);
    }

    private static async Task<byte[]> DownloadControlDocumentAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Kontrolldokument (PDF) herunterladen" }).ClickAsync());
        Assert.Null(await download.FailureAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>The Steuer-ID case by link: the prefilled form, submit, closed by itself, the control document, logout.</summary>
    private static async Task AnswerSteuerIdCaseAsync(IPage insured, EinmalPinLetter letter, HttpClient integrator)
    {
        await LogInByLinkAsync(insured, letter, "12.03.1984");
        await Assertions.Expect(insured.Locator("#form-session .form-view")).ToHaveAttributeAsync("data-form", "steuer-id-rueckmeldung", HasAttribute);
        await Assertions.Expect(Field(insured, "steuerId")).ToHaveValueAsync(SteuerId, Value);
        await Field(insured, "kvnr").FillAsync("A123456780");
        await Field(insured, "bestaetigung").CheckAsync();
        await insured.GetByRole(AriaRole.Button, new() { Name = "Absenden" }).ClickAsync();
        await Assertions.Expect(insured.Locator("#pin-done")).ToHaveAttributeAsync("data-status", "ClosedAutomatically", HasAttribute);
        await Assertions.Expect(insured.Locator("#pin-done-text")).ToContainTextAsync("Es ist nichts weiter zu tun.", Contains);
        var pdf = await DownloadControlDocumentAsync(insured);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        using (var document = PdfDocument.Open(pdf))
            Assert.Contains(letter.CaseNumber, string.Join(" ", document.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
        Assert.Equal("ClosedAutomatically", await CaseStatusAsync(integrator, letter.CaseNumber));
        await insured.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await Assertions.Expect(insured.Locator("#pin-login")).ToBeVisibleAsync(Visible);
        await Assertions.Expect(insured.Locator("#pin-notice")).ToHaveTextAsync("Sie sind abgemeldet.", Text);

    }

    /// <summary>
    /// The accident case: the PIN typed by hand (lower case, spaces), a third party caused it (the stp rule set routes it
    /// to a clerk), a document uploaded.
    /// </summary>
    private static async Task AnswerAccidentCaseThatFailsARuleAsync(IPage insured, EinmalPinLetter letter, HttpClient integrator)
    {
        await insured.GotoAsync("/pin/");
        await insured.GetByLabel("PIN", new() { Exact = true }).FillAsync(letter.Pin.Replace('-', ' ').ToLowerInvariant());
        await insured.GetByLabel("Geburtsdatum").FillAsync("02.11.1957");
        await insured.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(insured.Locator("#pin-case-title")).ToHaveTextAsync($"Vorgang {letter.CaseNumber}", Text);
        await Field(insured, "unfallDatum").FillAsync(DateTime.Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Field(insured, "unfallOrt").SelectOptionAsync("haushalt");
        await Field(insured, "hergangBeschreibung").FillAsync("Beim Aufbau eines Regals hat mich der Nachbar angestoßen.");
        await Step(insured, "beteiligte").ClickAsync();
        await insured.Locator("#form-session [data-path='dritterBeteiligt']").GetByLabel("Ja").CheckAsync();
        await Field(insured, "dritterName").FillAsync("Max Muster, Nachbarweg 2, 20095 Hamburg");
        await insured.Locator("#form-session [data-path='polizeiAufgenommen']").GetByLabel("Nein").CheckAsync();
        await insured.Locator("#form-session [data-path='zeugenVorhanden']").GetByLabel("Nein").CheckAsync();
        await Step(insured, "behandlung").ClickAsync();
        await insured.Locator("#form-session [data-path='behandelt']").GetByLabel("Ja").CheckAsync();
        await Field(insured, "behandlungArzt").FillAsync("Dr. Hansen, Hamburg");
        await Field(insured, "behandlungBeginn").FillAsync(DateTime.Today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var upload = insured.Locator("#form-session [data-path='unterlagen']");
        await Assertions.Expect(upload).ToBeVisibleAsync(Visible);
        await upload.Locator("input[type='file']").SetInputFilesAsync(new FilePayload
        {
            Name = "arztbericht.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray(),
        });
        await Assertions.Expect(upload.Locator(".form-file-current")).ToHaveTextAsync("Datei: arztbericht.pdf", Text);
        await Field(insured, "einwilligung").CheckAsync();
        await insured.GetByRole(AriaRole.Button, new() { Name = "Absenden" }).ClickAsync();
        await Assertions.Expect(insured.Locator("#pin-done")).ToHaveAttributeAsync("data-status", "WithClerk", HasAttribute);
        await Assertions.Expect(insured.Locator("#pin-done-text")).ToContainTextAsync("Sachbearbeiter", Contains);
        Assert.Equal("WithClerk", await CaseStatusAsync(integrator, letter.CaseNumber));

    }

    /// <summary>An agent sees the case's work item in the inbox.</summary>
    private async Task AssertInAnAgentsInboxAsync(string caseNumber)
    {
        await using var agentContext = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var agent = await BrowserSteps.SignInToChatAsync(agentContext, "agent-kaya", "/agent/");
        await agent.Locator("[data-filter='waiting']").ClickAsync();
        await Assertions.Expect(agent.Locator($"#inbox-list li[data-item-id='form:pin-{caseNumber}']")).ToHaveCountAsync(1, Count);
    }

    [Fact]
    public async Task Cases_imported_on_the_admin_page_are_answered_through_the_letter_one_closes_by_itself_and_one_that_fails_a_rule_reaches_an_agents_inbox()
    {
        var prefix = NewCaseNumberPrefix();
        var (steuerCase, accidentCase, badCase) = (prefix + "1", prefix + "2", prefix + "3");

        // The admin uploads the print data stream and watches the import to the end.
        await using var adminContext = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var admin = await BrowserSteps.SignInAsync(adminContext, "admin", "/admin/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "EinmalPIN" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(admin, "/admin/einmalpin/");
        // Other tests of this host decide cases too: the page's counts before this one's.
        await Assertions.Expect(admin.Locator("#counts tr")).ToHaveCountAsync(8, Count);
        var closedBefore = await CountOnPageAsync(admin, "ClosedAutomatically");
        var clerkBefore = await CountOnPageAsync(admin, "WithClerk") + await CountOnPageAsync(admin, "ClosedByClerk");
        await admin.Locator("#upload-file").SetInputFilesAsync(new FilePayload
        {
            Name = "vorgaenge.csv",
            MimeType = "text/csv",
            Buffer = PrintDataStream(steuerCase, accidentCase, badCase),
        });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Hochladen und importieren" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#upload-percent")).ToHaveTextAsync("100 %", Text);
        await Assertions.Expect(admin.Locator("#import")).ToHaveAttributeAsync("data-status", "Completed", HasAttribute);
        await Assertions.Expect(admin.Locator("#import-progress")).ToHaveAttributeAsync("value", "100", HasAttribute);
        await Assertions.Expect(admin.Locator("#import-percent")).ToHaveTextAsync("100 %", Text);
        await Assertions.Expect(admin.Locator("#import-rows")).ToHaveTextAsync("3", Text);
        await Assertions.Expect(admin.Locator("#import-imported")).ToHaveTextAsync("2", Text);
        await Assertions.Expect(admin.Locator("#import-rejected")).ToHaveTextAsync("1", Text);
        var rejected = admin.Locator("#import-errors tr");
        await Assertions.Expect(rejected).ToHaveCountAsync(1, Count);
        await Assertions.Expect(rejected.Locator("td").First).ToHaveTextAsync("4", Text);
        await Assertions.Expect(admin.Locator("#batch")).ToHaveAttributeAsync("data-status", "Completed", HasAttribute);
        await Assertions.Expect(admin.Locator("#batch-letters")).ToHaveTextAsync("2", Text);
        await Assertions.Expect(admin.Locator("#batch-csv")).ToContainTextAsync("print.csv", Contains);
        var importId = Guid.Parse((await admin.Locator("#import").GetAttributeAsync("data-import-id"))!);

        // The print shop (Integrator) fetches the letters: PIN and link of each case.
        using var integrator = await ClientAsAsync("integrator-kernsystem");
        var print = EinmalPinPrintCsv.Parse(await integrator.GetByteArrayAsync($"/api/einmalpin/letter-batches/import-{importId:N}/print.csv"));
        Assert.Equal(2, print.Letters.Count);
        Assert.Matches("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{5}$", print.Letters[steuerCase].Pin);

        await using var insuredContext = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var insured = await insuredContext.NewPageAsync();
        await AnswerSteuerIdCaseAsync(insured, print.Letters[steuerCase], integrator);
        await AnswerAccidentCaseThatFailsARuleAsync(insured, print.Letters[accidentCase], integrator);
        await AssertInAnAgentsInboxAsync(accidentCase);

        // The admin page counts both decisions: one of two closed without a clerk.
        await admin.ReloadAsync();
        var (closed, clerk) = (closedBefore + 1, clerkBefore + 1);
        await Assertions.Expect(admin.Locator("#counts tr[data-status='ClosedAutomatically'] .pin-count")).ToHaveTextAsync(closed.ToString(German), Text);
        await Assertions.Expect(admin.Locator("#counts-stp")).ToHaveTextAsync(
            (100.0 * closed / (closed + clerk)).ToString("0.#", German) + " %", Text);
        Assert.Equal(clerk, await CountOnPageAsync(admin, "WithClerk") + await CountOnPageAsync(admin, "ClosedByClerk"));
    }

    [Fact]
    public async Task The_pin_page_takes_the_token_out_of_the_address_and_ties_a_malformed_pin_or_birth_date_to_its_field()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress);
        var page = await context.NewPageAsync();
        var violations = BrowserSteps.CollectPolicyViolations(page);
        await page.GotoAsync("/pin/#t=AAAAAAAAAAAAAAAAAAAAAA");
        await Assertions.Expect(page.Locator("#pin-login")).ToBeVisibleAsync(Visible);
        Assert.DoesNotContain("#t=", page.Url, StringComparison.Ordinal);

        // Typed as it comes, shown in the letter's groups.
        var pin = page.GetByLabel("PIN", new() { Exact = true });
        await pin.PressSequentiallyAsync("abcd efgh jk");
        await Assertions.Expect(pin).ToHaveValueAsync("ABCD-EFGH-JK", Value);

        // Too short: the error is the field's description, the field is invalid and has the focus.
        var birth = page.GetByLabel("Geburtsdatum");
        await birth.FillAsync("31.02.1980");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(pin).ToHaveAttributeAsync("aria-invalid", "true", HasAttribute);
        await Assertions.Expect(pin).ToHaveAccessibleDescriptionAsync(new Regex("13 Zeichen aus Buchstaben und Ziffern"), new() { Timeout = BrowserSteps.Timeout });
        await Assertions.Expect(pin).ToBeFocusedAsync(new() { Timeout = BrowserSteps.Timeout });
        await Assertions.Expect(birth).ToHaveAccessibleDescriptionAsync(new Regex("TT\\.MM\\.JJJJ"), new() { Timeout = BrowserSteps.Timeout });
        await Assertions.Expect(birth).ToHaveAttributeAsync("aria-invalid", "true", HasAttribute);

        // A PIN of the right shape: now the birth date (no such day) is the one to mend.
        await pin.FillAsync("abcd-efgh-jkmnp");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Assertions.Expect(pin).Not.ToHaveAttributeAsync("aria-invalid", "true", new() { Timeout = BrowserSteps.Timeout });
        await Assertions.Expect(birth).ToBeFocusedAsync(new() { Timeout = BrowserSteps.Timeout });
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_wrong_birth_date_is_refused_without_naming_the_factor_and_the_form_fits_a_390_px_wide_screen_in_english_too()
    {
        var caseNumber = NewCaseNumberPrefix();
        using var integrator = await ClientAsAsync("integrator-kernsystem");
        var letter = await EinmalPinSeed.IssueLetterAsync(Host, new PinCaseData(
            caseNumber, PinCaseType.SepaMandat, "Z987654321", "Leyla", "Öztürk-Schmidt", new DateOnly(2001, 7, 30),
            "Marktplatz 1", "24103", "Kiel", DateOnly.FromDateTime(DateTime.Today.AddDays(30)), PrefillIban: "DE89370400440532013000"));

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/pin/?lang=en" + letter.Fragment);
        await Assertions.Expect(page.Locator("#pin-login-title")).ToHaveTextAsync("Log in", Text);
        await PageLayout.AssertNoSidewaysScrollAsync(page);

        // The right PIN with a wrong birth date: the same words as for any other failure.
        await page.GetByLabel("PIN", new() { Exact = true }).FillAsync(letter.Pin);
        await page.GetByLabel("Date of birth").FillAsync("31.07.2001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#pin-login-error")).ToHaveTextAsync(
            "The PIN or the date of birth is wrong, or the access is locked or has expired.", Text);
        await Assertions.Expect(page.Locator("#pin-case")).ToBeHiddenAsync(Hidden);

        // After the wait the server asks for (the button is disabled until then), the right birth date opens the case.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeEnabledAsync(new() { Timeout = BrowserSteps.Timeout });
        await page.GetByLabel("Date of birth").FillAsync("30.07.2001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#pin-case-title")).ToHaveTextAsync($"Case {caseNumber}", Text);
        await Assertions.Expect(page.Locator("#form-session .form-view")).ToHaveAttributeAsync("data-form", "sepa-lastschriftmandat", HasAttribute);
        await PageLayout.AssertNoSidewaysScrollAsync(page);
        Assert.Equal("Opened", await CaseStatusAsync(integrator, caseNumber));
    }
}
