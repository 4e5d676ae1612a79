using System.Text.RegularExpressions;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Rules;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;

namespace Kasse.Tests.Browser;

/// <summary>
/// The admin page "Regelwerk" in a real browser: a broken draft is rejected with rule and marked position, a valid
/// draft is published after confirmation, the diff and a dry run show the change, and a confirmed rollback restores
/// the previous version. A host of its own (<see cref="RuleSetFixture"/>) so the publications disturb no other test.
/// </summary>
public sealed partial class RulesAdminBrowserTests(RuleSetFixture rules, BrowserFixture browser)
    : IClassFixture<RuleSetFixture>, IClassFixture<BrowserFixture>
{
    private const float Timeout = BrowserSteps.Timeout;
    private const string RuleSet = "campaign.eligibility";

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex Number();

    [GeneratedRegex("^1[6-9]$")]
    private static partial Regex ErrorPosition();

    [Fact]
    public async Task Admin_publishes_a_draft_after_a_rejected_one_compares_dry_runs_and_rolls_back()
    {
        await using var context = await BrowserSteps.NewContextAsync(browser.Browser, rules.Host.BaseAddress);
        var page = await BrowserSteps.SignInAsync(context, "admin", "/admin/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Regelwerk" }).ClickAsync();
        await BrowserSteps.WaitForPathAsync(page, "/admin/rules/");

        await page.Locator($"#rulesets button[data-ruleset='{RuleSet}']").ClickAsync();
        await Assertions.Expect(page.Locator("#ruleset-title")).ToHaveTextAsync(RuleSet, Text);
        await Assertions.Expect(page.Locator("#active-version")).ToHaveTextAsync("Aktive Version: 1", Text);
        await Assertions.Expect(Status(page, 1)).ToHaveTextAsync("Veröffentlicht", Text);

        // A draft whose Volljaehrig expression is broken: publication is refused with the rule and the marked position.
        var broken = await CreateDraftAsync(page, "input.Age >= 18", "input.Age >= 18 &&& true", "Kaputter Ausdruck");
        await Assertions.Expect(Status(page, broken)).ToHaveTextAsync("Entwurf", Text);
        await ConfirmAsync(page, Row(page, broken).GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen", Exact = true }));
        var result = page.Locator("#action-result");
        await Assertions.Expect(result).ToContainTextAsync("Veröffentlichung abgelehnt", Contains);
        var problem = result.Locator("tr[data-rule='Volljaehrig']");
        await Assertions.Expect(problem.Locator(".rules-problem-rule")).ToHaveTextAsync("Volljaehrig", Text);
        await Assertions.Expect(problem.Locator(".rules-problem-kind")).ToHaveTextAsync("Ausdruck", Text);
        await Assertions.Expect(problem.Locator(".rules-expression")).ToHaveTextAsync("input.Age >= 18 &&& true", Text);
        var mark = problem.Locator(".rules-expression mark");
        await Assertions.Expect(mark).ToBeVisibleAsync(Visible);
        await Assertions.Expect(mark).ToHaveAttributeAsync("data-position", ErrorPosition(), HasAttribute);
        await Assertions.Expect(Status(page, broken)).ToHaveTextAsync("Entwurf", Text);
        await Assertions.Expect(page.Locator("#active-version")).ToHaveTextAsync("Aktive Version: 1", Text);

        // A valid draft: allow one more contact in 30 days; published after confirmation, the previous version retires.
        var valid = await CreateDraftAsync(page, "input.ContactsLast30Days < 2", "input.ContactsLast30Days < 3", "Drei Kontakte");
        await ConfirmAsync(page, Row(page, valid).GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen", Exact = true }));
        await Assertions.Expect(result).ToHaveTextAsync($"Version {valid} ist veröffentlicht und aktiv.", Text);
        await Assertions.Expect(page.Locator("#active-version")).ToHaveTextAsync($"Aktive Version: {valid}", Text);
        await Assertions.Expect(Status(page, valid)).ToHaveTextAsync("Veröffentlicht", Text);
        await Assertions.Expect(Row(page, valid)).ToHaveAttributeAsync("data-active", "true", HasAttribute);
        await Assertions.Expect(Status(page, 1)).ToHaveTextAsync("Zurückgezogen", Text);
        await Assertions.Expect(page.Locator($"#rulesets tr[data-ruleset='{RuleSet}'] .rules-active")).ToHaveTextAsync(valid.ToString(), Text);

        // The diff between the two shows the changed expression.
        await page.Locator("#diff-from").SelectOptionAsync("1");
        await page.Locator("#diff-to").SelectOptionAsync(valid.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Vergleichen" }).ClickAsync();
        var change = page.Locator("#diff-result tr[data-rule='Kontaktfrequenz'][data-field='Expression']");
        await Assertions.Expect(change.Locator("td").Nth(1)).ToHaveTextAsync("Ausdruck", Text);
        await Assertions.Expect(change.Locator(".rules-diff-before")).ToHaveTextAsync("input.ContactsLast30Days < 2", Text);
        await Assertions.Expect(change.Locator(".rules-diff-after")).ToHaveTextAsync("input.ContactsLast30Days < 3", Text);

        // Dry run with two contacts: accepted by the new version, rejected by the old one.
        await DryRunAsync(page, valid, contacts: 2);
        await Assertions.Expect(page.Locator("#dryrun-outcome")).ToHaveTextAsync("Angenommen", Text);
        await Assertions.Expect(page.Locator("#dryrun-decision-version")).ToHaveTextAsync(valid.ToString(), Text);
        await Assertions.Expect(page.Locator("#dryrun-fired")).ToContainTextAsync("Kontaktfrequenz", Contains);
        await DryRunAsync(page, 1, contacts: 2);
        await Assertions.Expect(page.Locator("#dryrun-outcome")).ToHaveTextAsync("Abgelehnt", Text);
        await Assertions.Expect(page.Locator("#dryrun-failed")).ToHaveTextAsync("Kontaktfrequenz", Text);
        await Assertions.Expect(page.Locator("#dryrun-messages")).ToContainTextAsync("zweimal kontaktiert", Contains);

        // Rollback: cancelling changes nothing; confirming makes version 1 active again.
        var rollback = Row(page, 1).GetByRole(AriaRole.Button, new() { Name = "Zurückrollen auf Version 1" });
        await rollback.ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-dialog")).ToBeVisibleAsync(Visible);
        await page.Locator("#confirm-dialog").GetByRole(AriaRole.Button, new() { Name = "Abbrechen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-dialog")).ToBeHiddenAsync(Hidden);
        await Assertions.Expect(page.Locator("#active-version")).ToHaveTextAsync($"Aktive Version: {valid}", Text);

        await ConfirmAsync(page, rollback);
        await Assertions.Expect(result).ToHaveTextAsync("Version 1 ist wieder aktiv.", Text);
        await Assertions.Expect(page.Locator("#active-version")).ToHaveTextAsync("Aktive Version: 1", Text);
        await Assertions.Expect(Status(page, 1)).ToHaveTextAsync("Veröffentlicht", Text);
        await Assertions.Expect(Row(page, 1)).ToHaveAttributeAsync("data-active", "true", HasAttribute);
        await Assertions.Expect(Status(page, valid)).ToHaveTextAsync("Zurückgezogen", Text);
        await Assertions.Expect(Row(page, valid).GetByRole(AriaRole.Button, new() { Name = $"Zurückrollen auf Version {valid}" })).ToBeVisibleAsync(Visible);
    }

    private static ILocator Row(IPage page, int version) => page.Locator($"#versions tr[data-version='{version}']");

    private static ILocator Status(IPage page, int version) => Row(page, version).Locator(".rules-status");

    /// <summary>"Neuer Entwurf" from the active version, one expression edited in the text, saved; returns the new version.</summary>
    private static async Task<int> CreateDraftAsync(IPage page, string expression, string replacement, string comment)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Neuer Entwurf" }).ClickAsync();
        var document = page.Locator("#draft-document");
        await Assertions.Expect(document).ToHaveValueAsync(new Regex(Regex.Escape($"\"{expression}\"")), Value);
        var text = await document.InputValueAsync();
        await document.FillAsync(text.Replace($"\"{expression}\"", $"\"{replacement}\"", StringComparison.Ordinal));
        await page.Locator("#draft-comment").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        var saved = page.Locator("#draft-result");
        await Assertions.Expect(saved).ToHaveAttributeAsync("data-version", Number(), HasAttribute);
        var version = int.Parse((await saved.GetAttributeAsync("data-version"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(Row(page, version).Locator("td").Nth(5)).ToHaveTextAsync(comment, Text);
        return version;
    }

    private static async Task ConfirmAsync(IPage page, ILocator action)
    {
        await action.ClickAsync();
        var dialog = page.Locator("#confirm-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync(Visible);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Bestätigen" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync(Hidden);
    }

    /// <summary>Selects the version (the input is prefilled with its first test case) and sets the contact count.</summary>
    private static async Task DryRunAsync(IPage page, int version, int contacts)
    {
        await page.Locator("#dryrun-version").SelectOptionAsync(version.ToString());
        var input = page.Locator("#dryrun-input");
        await Assertions.Expect(input).ToHaveAttributeAsync("data-version", version.ToString(), HasAttribute);
        await Assertions.Expect(input).ToHaveValueAsync(new Regex("\"contactsLast30Days\": 0"), Value);
        var text = await input.InputValueAsync();
        await input.FillAsync(text.Replace("\"contactsLast30Days\": 0", $"\"contactsLast30Days\": {contacts}", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
    }
}
