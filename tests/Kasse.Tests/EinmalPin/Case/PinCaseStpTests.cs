using System.Net;
using System.Net.Http.Json;
using Kasse.Conversations;
using Kasse.EinmalPin;
using Kasse.Forms;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.Rules;
using Kasse.Inbox;
using Kasse.Rules;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.EinmalPin.Case;

/// <summary>
/// The decision: the case type's stp rule set closes a case at once or routes it to a clerk's inbox with its reasons,
/// recorded with the rule set's version; the clerk holding the item reads the submission, others do not; completing
/// the item closes the case.
/// </summary>
[Collection(PinCaseHostCollection.Name)]
public sealed class PinCaseStpTests(PinCaseHostFixture fixture)
{
    [Fact]
    public async Task A_matching_steuer_id_closes_the_case_automatically_naming_the_rule_set_version()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId);

        var result = await SubmitAsync(seeded, new FormEdit("confirm-1", "bestaetigung", "true", 0));

        Assert.Equal(PinCaseStatus.ClosedAutomatically, result.Status);
        var view = await Case(seeded).GetView();
        var decision = view.Decision!;
        var active = fixture.Host.Services.GetRequiredService<ActiveRuleSets>().Versions[RuleSetNames.SteuerIdStp];
        Assert.Equal((true, RuleSetNames.SteuerIdStp, active, (string?)null), (decision.ClosedAutomatically, decision.RuleSet, decision.RuleSetVersion, decision.WorkItemId));
        Assert.Null(await fixture.Grains.GetGrain<IWorkItemGrain>(PinCaseWorkItems.Of(seeded.CaseNumber)).GetView());
        var logged = await fixture.Host.Services.GetRequiredService<IDecisionLog>().ReadAsync("pin-case", seeded.CaseNumber, 10);
        Assert.Equal((RuleSetNames.SteuerIdStp, active, DecisionOutcome.Accepted), (logged.Single().RuleSet, logged.Single().Version, logged.Single().Outcome));
    }

    [Fact]
    public async Task A_different_steuer_id_goes_to_a_clerk_who_reads_it_and_closes_the_case()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId);

        var result = await SubmitAsync(seeded,
            new FormEdit("steuer-id", "steuerId", "\"12345678995\"", 1),
            new FormEdit("confirm-1", "bestaetigung", "true", 0));

        Assert.Equal(PinCaseStatus.WithClerk, result.Status);
        var itemId = PinCaseWorkItems.Of(seeded.CaseNumber);
        Assert.Equal((FormSubmissionOutcome.RoutedToClerk, itemId), (result.Receipt.Outcome, result.Receipt.WorkItemId));
        var decision = (await Case(seeded).GetView()).Decision!;
        Assert.Equal(["Die Steuer-ID weicht von der gespeicherten ab."], decision.Reasons);
        var item = await Item(itemId).GetView();
        Assert.NotNull(item);
        Assert.Equal((WorkChannel.FormCase, seeded.CaseNumber, 1), (item.Channel, item.Reference, item.MessageCount));
        Assert.Contains("Steuer-ID", item.Topic, StringComparison.Ordinal);

        var clerk = new Participant("agent-pin-" + Guid.NewGuid().ToString("N")[..8], ParticipantRole.Agent, "Deniz Kaya");
        var other = new Participant("agent-other-" + Guid.NewGuid().ToString("N")[..8], ParticipantRole.Agent, "Jonas Weber");
        var offerId = Guid.NewGuid();
        Assert.True(await Item(itemId).Offer(offerId, clerk.UserId, 1, 10, DateTimeOffset.UtcNow.AddMinutes(5)));
        await Item(itemId).Accept(offerId, clerk.UserId);
        var form = fixture.Grains.GetGrain<IFormSessionGrain>(PinCaseIds.FormSessionOf(seeded.CaseNumber));
        var document = await form.GetSubmission(clerk);
        Assert.Equal((seeded.CaseNumber, result.Receipt.ContentHash), (document.CaseReference, document.ContentHash));
        var refused = await Assert.ThrowsAsync<FormException>(() => form.GetSubmission(other));
        Assert.Equal(FormErrors.Forbidden, refused.Code);

        await Item(itemId).Complete(clerk.UserId);

        var closed = await Case(seeded).GetView();
        Assert.Equal(PinCaseStatus.ClosedByClerk, closed.Status);
        Assert.NotNull(closed.ClosedByClerkAt);
    }

    [Fact]
    public async Task An_accident_with_a_third_party_goes_to_a_clerk_for_the_recourse_claim()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.Unfallfragebogen);
        var day = $"\"{DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)):yyyy-MM-dd}\"";

        var result = await SubmitAsync(seeded,
            new FormEdit("e1", "unfallDatum", day, 0),
            new FormEdit("e2", "unfallOrt", "\"haushalt\"", 0),
            new FormEdit("e3", "hergangBeschreibung", "\"Von der Leiter gestoßen.\"", 0),
            new FormEdit("e4", "dritterBeteiligt", "true", 0),
            new FormEdit("e5", "dritterName", "\"Max Nachbar\"", 0),
            new FormEdit("e6", "polizeiAufgenommen", "false", 0),
            new FormEdit("e7", "zeugenVorhanden", "false", 0),
            new FormEdit("e8", "behandelt", "false", 0),
            new FormEdit("e9", "einwilligung", "true", 0));

        Assert.Equal(PinCaseStatus.WithClerk, result.Status);
        var decision = (await Case(seeded).GetView()).Decision!;
        Assert.Equal(RuleSetNames.UnfallfragebogenStp, decision.RuleSet);
        Assert.Contains(decision.Reasons, r => r.Contains("§ 116 SGB X", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_core_system_pulls_the_answers_of_a_submitted_case_and_the_read_is_audited()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId);
        await SubmitAsync(seeded, new FormEdit("confirm-1", "bestaetigung", "true", 0));
        using var integrator = fixture.Host.CreateClient(await fixture.Host.SignInAsync("integrator-kernsystem"));

        var result = await integrator.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/einmalpin/cases/{seeded.CaseNumber}/result");

        Assert.Equal("ClosedAutomatically", (string?)result!["case"]!["status"]);
        Assert.Equal($"\"{PinCaseHostFixture.KnownSteuerId}\"", (string?)result["answers"]!["steuerId"]);
        Assert.NotNull((string?)result["contentHash"]);
        var audit = await fixture.Host.Services.GetRequiredService<Kasse.Grains.Audit.IAuditTrail>().ReadBySubjectAsync("pin-case", seeded.CaseNumber, 100);
        Assert.Contains(audit, e => e.Action == "pin.case.result.read" && e.ActorId == "integrator-kernsystem");
        using var unknown = await integrator.GetAsync("/api/einmalpin/cases/V0000000000/result");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private IPinCaseGrain Case(SeededCase seeded) => fixture.Grains.GetGrain<IPinCaseGrain>(seeded.CaseNumber);

    private IWorkItemGrain Item(string itemId) => fixture.Grains.GetGrain<IWorkItemGrain>(itemId);

    private async Task<PinSubmitResult> SubmitAsync(SeededCase seeded, params FormEdit[] edits)
    {
        await using var hub = await fixture.PinHubAsync(await fixture.TokenAsync(seeded));
        await hub.InvokeAsync<PinCaseSnapshot>("OpenCase");
        foreach (var edit in edits)
            Assert.Equal(FormEditStatus.Applied, (await hub.InvokeAsync<FormEditResult>("EditForm", edit)).Status);
        return await hub.InvokeAsync<PinSubmitResult>("SubmitCase", "submit-1");
    }
}
