using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Kasse.Tests.Infrastructure;
using Microsoft.Playwright;
using static Kasse.Tests.Browser.BrowserWaits;
using static Kasse.Tests.Browser.FormsBrowserSteps;

namespace Kasse.Tests.Browser;

/// <summary>
/// Co-browsing in two real browsers: the insured in the portal, the agent at the agent desktop. The agent proposes a
/// form in the chat, the insured opens it from the chat card and lets the agent in; both type at the same time; the
/// sensitive IBAN never reaches the agent's browser; the insured ends the agent's access.
/// </summary>
[Collection(FormsHostCollection.Name)]
public sealed class FormsCoBrowseBrowserTests(EmbeddedHostFixture host, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Iban = "DE89370400440532013000";
    private const string IbanDigits = "370400440532013000";

    private KasseTestHost Host => host.Host;

    /// <summary>Both sides in their own context: the insured in the portal, the agent available at the agent desktop.</summary>
    private async Task<(IBrowserContext Insured, IBrowserContext Agent)> ContextsAsync() =>
        (await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress), await BrowserSteps.NewContextAsync(browser.Browser, Host.BaseAddress));

    [Fact]
    public async Task Agent_and_insured_fill_the_accident_form_together_each_sees_the_others_typing_within_a_second_and_one_value_wins_a_shared_field()
    {
        var (insuredContext, agentContext) = await ContextsAsync();
        await using var _ = insuredContext;
        await using var __ = agentContext;
        var agent = await OpenWorkspaceAsync(agentContext, "agent-mueller");
        try
        {
            var insured = await BrowserSteps.SignInToChatAsync(insuredContext, "A123456780", "/portal/");

            // The agent gets the chat through the inbox and proposes the accident questionnaire in it.
            var conversationId = await BrowserSteps.StartChatAsync(insured, "Beiträge");
            await AcceptChatAsync(agent, conversationId);
            await ProposeAsync(agent, "unfallfragebogen");
            await OpenFromChatAndAcceptAsync(insured, agent);
            await Assertions.Expect(insured.Locator("#form-access-granted")).ToContainTextAsync("Sabine Müller", Contains);

            // Different fields at the same moment: each page shows the other's value within a second.
            await Task.WhenAll(
                Field(insured, "hergangBeschreibung").FillAsync("Auf der Treppe gestolpert"),
                Field(agent, "unfallOrtBeschreibung").FillAsync("Treppenhaus, Hauptstraße 5"));
            await Task.WhenAll(
                Assertions.Expect(Field(agent, "hergangBeschreibung")).ToHaveValueAsync("Auf der Treppe gestolpert", new() { Timeout = WithinASecond }),
                Assertions.Expect(Field(insured, "unfallOrtBeschreibung")).ToHaveValueAsync("Treppenhaus, Hauptstraße 5", new() { Timeout = WithinASecond }));

            // Who is where: the insured sees the agent in the form.
            await Assertions.Expect(insured.Locator("#form-participants")).ToContainTextAsync("Sabine Müller", Contains);
            await Assertions.Expect(insured.Locator("#form-session [data-path='unfallOrtBeschreibung'] .form-presence-marker"))
                .ToHaveTextAsync("Hier: Sabine Müller", Text);

            // The same field at the same moment: exactly one value wins on both pages; the losing page says who changed it.
            await Task.WhenAll(
                Field(insured, "hergangBeschreibung").FillAsync("Vom Fahrrad gestürzt"),
                Field(agent, "hergangBeschreibung").FillAsync("Auf nassem Boden ausgerutscht"));
            var loser = await FirstToShowNoticeAsync("hergangBeschreibung", insured, agent);
            var winner = loser == insured ? agent : insured;
            var winning = loser == insured ? "Auf nassem Boden ausgerutscht" : "Vom Fahrrad gestürzt";
            await Assertions.Expect(Notice(loser, "hergangBeschreibung")).ToHaveTextAsync(
                loser == insured ? "Geändert von Ihrer Beraterin" : "Geändert von der versicherten Person", Text);
            await Assertions.Expect(Field(loser, "hergangBeschreibung")).ToHaveValueAsync(winning, Value);
            await Assertions.Expect(Field(winner, "hergangBeschreibung")).ToHaveValueAsync(winning, Value);
            await Assertions.Expect(Notice(winner, "hergangBeschreibung")).ToBeHiddenAsync(Hidden);

            // "Schritt folgen": the agent's form goes to the step the insured moves to.
            await agent.GetByLabel("Schritt folgen").CheckAsync();
            await Step(insured, "beteiligte").ClickAsync();
            await Assertions.Expect(Step(agent, "beteiligte")).ToHaveAttributeAsync("aria-current", "step", HasAttribute);
        }
        finally
        {
            await GoOfflineAsync(agent);
        }
    }

    [Fact]
    public async Task The_sepa_iban_never_reaches_the_agents_page_or_its_websocket_and_after_the_insured_ends_access_the_agents_edit_is_refused()
    {
        var (insuredContext, agentContext) = await ContextsAsync();
        await using var _ = insuredContext;
        await using var __ = agentContext;
        var agentPage = await agentContext.NewPageAsync();
        var frames = CollectReceivedFrames(agentPage);
        var agent = await OpenWorkspaceAsync(agentContext, "agent-schulz", agentPage);
        try
        {
            var insured = await BrowserSteps.SignInToChatAsync(insuredContext, "Z987654321", "/portal/");

            var conversationId = await BrowserSteps.StartChatAsync(insured, "Leistungen");
            await AcceptChatAsync(agent, conversationId);
            await ProposeAsync(agent, "sepa-lastschriftmandat");
            await OpenFromChatAndAcceptAsync(insured, agent);

            // The insured types the IBAN, then the street; once the agent sees the street, the IBAN's state went out before it.
            await Step(insured, "bankverbindung").ClickAsync();
            await Field(insured, "iban").FillAsync(Iban);
            await Step(insured, "kontoinhaber").ClickAsync();
            await Field(insured, "kontoinhaberAdresse").FillAsync("Lindenweg");
            await Field(agent, "kontoinhaberName").FillAsync("Leyla Öztürk-Schmidt");
            await Assertions.Expect(Field(agent, "kontoinhaberAdresse")).ToHaveValueAsync("Lindenweg", Value);
            await Assertions.Expect(Field(insured, "kontoinhaberName")).ToHaveValueAsync("Leyla Öztürk-Schmidt", Value);

            // The agent's form has the field, masked and disabled; nothing of the IBAN in its page, its inputs or its frames.
            await Step(agent, "bankverbindung").ClickAsync();
            var ibanField = agent.Locator("#form-session [data-path='iban']");
            await Assertions.Expect(ibanField).ToContainTextAsync("Nur für die versicherte Person sichtbar", Contains);
            await Assertions.Expect(Field(agent, "iban")).ToBeDisabledAsync(new() { Timeout = BrowserSteps.Timeout });
            await Assertions.Expect(Field(agent, "iban")).ToHaveValueAsync("", Value);
            await AssertNoIbanAsync(agent, frames);

            // The insured ends the agent's access: the agent's page says so, and its next edit is refused by the server.
            await insured.GetByRole(AriaRole.Button, new() { Name = "Zugriff der Beraterin beenden" }).ClickAsync();
            await Assertions.Expect(insured.Locator("#form-access-granted")).ToBeHiddenAsync(Hidden);
            await Assertions.Expect(agent.Locator("#form-ended")).ToBeVisibleAsync(Visible);
            // The page no longer offers the fields; an edit typed just before it heard of the end still goes out, and the
            // server refuses it: the page shows the refusal and the insured's form stays as it was.
            await agent.Locator("#form-session [data-path='kontoinhaberName'] .form-input").EvaluateAsync(
                "input => { input.value = 'Nach dem Ende'; input.dispatchEvent(new Event('input', { bubbles: true })); }");
            await Assertions.Expect(agent.Locator("#form-error")).ToHaveTextAsync(new Regex(".+"), Text);
            await Assertions.Expect(agent.Locator("#form-ended")).ToBeVisibleAsync(Visible);
            await Assertions.Expect(Field(insured, "kontoinhaberName")).ToHaveValueAsync("Leyla Öztürk-Schmidt", Value);
            await AssertNoIbanAsync(agent, frames);
        }
        finally
        {
            await GoOfflineAsync(agent);
        }
    }

    [Fact]
    public async Task An_agent_starts_a_form_from_a_work_item_and_the_insured_on_the_forms_page_gets_the_invitation_and_lets_them_in()
    {
        var (insuredContext, agentContext) = await ContextsAsync();
        await using var _ = insuredContext;
        await using var __ = agentContext;
        var agent = await OpenWorkspaceAsync(agentContext, "agent-kaya");
        try
        {
            var insured = await BrowserSteps.SignInAsync(insuredContext, "T012345678", "/portal/");
            await insured.GotoAsync("/portal/forms.html");
            await Assertions.Expect(insured.Locator("#forms-connection")).ToHaveTextAsync("Verbunden", Text);

            // A work item of the insured reaches the agent through the inbox; the agent starts a form on it.
            var itemId = await CreateFormItemAsync("T012345678");
            await AcceptItemAsync(agent, itemId);
            await Assertions.Expect(agent.Locator("#form-start-item")).ToBeEnabledAsync(new() { Timeout = BrowserSteps.Timeout });
            await agent.Locator("#form-definition").SelectOptionAsync("steuer-id-rueckmeldung");
            await agent.GetByRole(AriaRole.Button, new() { Name = "Formular mit Kunde ausfüllen" }).ClickAsync();
            await Assertions.Expect(agent.Locator("#form-waiting")).ToBeVisibleAsync(Visible);

            // The insured's open forms page gets the invitation, opens the form and lets the agent in.
            var invitation = insured.Locator("#forms-invitations .form-invitation");
            await Assertions.Expect(invitation).ToContainTextAsync("Deniz Kaya", Contains);
            await invitation.GetByRole(AriaRole.Button, new() { Name = "Formular öffnen" }).ClickAsync();
            await Assertions.Expect(insured.Locator("#form-access-request")).ToContainTextAsync("Deniz Kaya", Contains);
            await insured.GetByRole(AriaRole.Button, new() { Name = "Annehmen" }).ClickAsync();
            await Assertions.Expect(agent.Locator("#form-live")).ToBeVisibleAsync(Visible);

            // The Steuer-ID is the insured's alone: masked at the agent; the confirmation is theirs to give.
            await Assertions.Expect(agent.Locator("#form-session [data-path='steuerId']")).ToContainTextAsync("Nur für die versicherte Person sichtbar", Contains);
            await Field(insured, "steuerId").FillAsync("86095742719");
            await Field(agent, "kvnr").FillAsync("T012345678");
            await Assertions.Expect(Field(insured, "kvnr")).ToHaveValueAsync("T012345678", Value);
            await Assertions.Expect(Field(agent, "steuerId")).ToHaveValueAsync("", Value);
        }
        finally
        {
            await GoOfflineAsync(agent);
        }
    }

    private async Task<string> CreateFormItemAsync(string kvnr)
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        var externalId = "forms-" + Guid.NewGuid().ToString("N");
        using var response = await integrator.PutAsJsonAsync($"/api/integration/work-items/form/{externalId}",
            new { topic = "Steuer-ID fehlt", team = "Team Süd", kvnr });
        response.EnsureSuccessStatusCode();
        return $"form:{externalId}";
    }

    private static async Task AssertNoIbanAsync(IPage agent, IEnumerable<string> frames)
    {
        var html = await agent.ContentAsync();
        var values = await agent.EvaluateAsync<string>("() => [...document.querySelectorAll('input, textarea, select')].map(e => e.value).join('|')");
        var received = string.Join("\n", frames);
        Assert.NotEmpty(received);
        foreach (var text in new[] { html, values, received })
        {
            Assert.DoesNotContain(IbanDigits, text, StringComparison.Ordinal);
            Assert.DoesNotContain("0532013000", text, StringComparison.Ordinal);
        }
    }

    /// <summary>Which page shows the field's conflict notice first (the losing side of a conflict).</summary>
    private static async Task<IPage> FirstToShowNoticeAsync(string path, params IPage[] pages)
    {
        var shown = pages.Select(async page =>
        {
            await Notice(page, path).WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = BrowserSteps.Timeout });
            return page;
        }).ToList();
        while (shown.Count > 0)
        {
            var first = await Task.WhenAny(shown);
            if (first.IsCompletedSuccessfully)
                return first.Result;
            shown.Remove(first);
        }
        throw new TimeoutException($"no page showed a conflict notice on {path}");
    }
}
