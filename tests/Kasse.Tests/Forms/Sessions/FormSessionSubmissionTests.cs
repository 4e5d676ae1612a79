using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kasse.Forms;
using Kasse.Grains.Forms.Sessions;
using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Kasse.Tests.Forms.Sessions.FormSessionScene;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// Submission at grain level: the server's complete check, one append-only submission with the documented content
/// hash, the clerk's work item only when the definition's review asks for one, and the same receipt for a second call.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class FormSessionSubmissionTests(EmbeddedHostFixture fixture) : IAsyncLifetime
{
    private FormSessionScene _scene = null!;

    public async Task InitializeAsync() => _scene = await OnPublishedAsync(fixture.Host);

    public Task DisposeAsync() => Task.CompletedTask;

    private IFormSubmissionStore Submissions => fixture.Host.Services.GetRequiredService<IFormSubmissionStore>();

    [Fact]
    public async Task An_incomplete_form_is_refused_and_nothing_is_stored()
    {
        var (id, session, _) = await _scene.StartInPortalAsync(FormNames.Accident);
        var answers = AccidentAnswers.AtHome();
        answers.Remove("einwilligung");
        await EnterAsync(session, _scene.Insured, answers);

        var refused = await Assert.ThrowsAsync<FormException>(() => session.Submit(_scene.Insured, "submit-1"));

        Assert.Equal(FormErrors.Invalid, refused.Code);
        Assert.Null(await Submissions.FindAsync(id));
        var state = await session.GetState(_scene.Insured);
        Assert.Equal((FormSessionStatus.Open, false, (FormSubmissionReceipt?)null), (state.Status, state.Complete, state.Receipt));
        var missing = await Assert.ThrowsAsync<FormException>(() => session.GetSubmission(_scene.Insured));
        Assert.Equal(FormErrors.SubmissionNotFound, missing.Code);
    }

    [Fact]
    public async Task A_complete_form_is_stored_once_with_its_content_hash_and_a_second_submit_returns_the_same_receipt()
    {
        var (id, session, _) = await _scene.StartInPortalAsync(FormNames.Accident);
        var answers = AccidentAnswers.AtHome();
        await EnterAsync(session, _scene.Insured, answers);

        var receipt = await session.Submit(_scene.Insured, "submit-1");
        var again = await session.Submit(_scene.Insured, "submit-2");

        Assert.Equal(receipt, again);
        var caseReference = "FS-" + id.ToString("N")[..10].ToUpperInvariant();
        Assert.Equal(caseReference, receipt.CaseReference);
        var stored = await Submissions.FindAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(HashAsDocumented(FormNames.Accident, stored.FormVersion, caseReference, answers), receipt.ContentHash);
        Assert.Equal(receipt.ContentHash, stored.ContentHash);
        Assert.Equal((FormSubmissionOutcome.Closed, (string?)null), (receipt.Outcome, receipt.WorkItemId));
        Assert.Null(await _scene.Grains.GetGrain<IWorkItemGrain>(WorkItemKeys.External(WorkChannel.FormCase, id.ToString())).GetView());
        var state = await session.GetState(_scene.Insured);
        Assert.Equal((FormSessionStatus.Submitted, receipt), (state.Status, state.Receipt));
        var closed = await Assert.ThrowsAsync<FormException>(() => session.Edit(_scene.Insured, Set("late", "unfallOrt", "\"arbeit\"", 1)));
        Assert.Equal(FormErrors.SessionClosed, closed.Code);
        var document = await session.GetSubmission(_scene.Insured);
        Assert.Equal((receipt.ContentHash, caseReference, "Anna Bergmann"), (document.ContentHash, document.CaseReference, document.SubmittedByName));
        Assert.Contains(document.Answers, a => a.Value.Contains("Fensterputzen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_whose_review_asks_for_a_clerk_creates_the_form_case_work_item()
    {
        var (id, session, _) = await _scene.StartInPortalAsync(FormNames.Accident);
        await EnterAsync(session, _scene.Insured, AccidentAnswers.WithThirdParty());

        var receipt = await session.Submit(_scene.Insured, "submit-1");

        var itemId = WorkItemKeys.External(WorkChannel.FormCase, id.ToString());
        Assert.Equal((FormSubmissionOutcome.RoutedToClerk, itemId), (receipt.Outcome, receipt.WorkItemId));
        var item = await _scene.Grains.GetGrain<IWorkItemGrain>(itemId).GetView();
        Assert.NotNull(item);
        Assert.Equal((WorkChannel.FormCase, receipt.CaseReference), (item.Channel, item.Reference));
        Assert.Equal(receipt, await session.Submit(_scene.Insured, "submit-2"));
    }

    [Fact]
    public async Task The_content_hash_of_a_sepa_mandate_sorts_the_keys_of_its_address_too()
    {
        var (id, session, _) = await _scene.StartInPortalAsync(FormNames.SepaMandate);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kontoinhaberName"] = "\"Erika Mustermann\"",
            ["kontoinhaberAdresse"] = "{\"street\":\"Heidestraße\",\"houseNumber\":\"17\",\"postalCode\":\"51147\",\"city\":\"Köln\"}",
            ["iban"] = "\"DE89370400440532013000\"",
            ["zahlungsart"] = "\"wiederkehrend\"",
            ["mandatErteilt"] = "true",
            ["ort"] = "\"Köln\"",
            ["datum"] = FormSessionScene.DaysAgo(1),
        };
        await EnterAsync(session, _scene.Insured, answers);

        var receipt = await session.Submit(_scene.Insured, "submit-1");

        var stored = await Submissions.FindAsync(id);
        Assert.Equal(HashAsDocumented(FormNames.SepaMandate, stored!.FormVersion, receipt.CaseReference, answers), receipt.ContentHash);
        Assert.Equal(FormSubmissionOutcome.Closed, receipt.Outcome);
        var own = await session.GetSubmission(_scene.Insured);
        Assert.Contains(own.Answers, a => a.Sensitive && a.Value.Replace(" ", "", StringComparison.Ordinal) == "DE89370400440532013000");
        Assert.Equal(receipt.ContentHash, own.ContentHash);
    }

    [Fact]
    public async Task Staff_read_a_submission_only_when_entitled_audited_and_never_see_its_sensitive_answers()
    {
        var (id, session, _) = await _scene.StartInPortalAsync(FormNames.SepaMandate);
        await EnterAsync(session, _scene.Insured, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kontoinhaberName"] = "\"Erika Mustermann\"",
            ["kontoinhaberAdresse"] = "{\"street\":\"Heidestraße\",\"houseNumber\":\"17\",\"postalCode\":\"51147\",\"city\":\"Köln\"}",
            ["iban"] = "\"DE89370400440532013000\"",
            ["zahlungsart"] = "\"wiederkehrend\"",
            ["mandatErteilt"] = "true",
            ["ort"] = "\"Köln\"",
            ["datum"] = FormSessionScene.DaysAgo(1),
        });
        var receipt = await session.Submit(_scene.Insured, "submit-1");

        // An agent the insured never admitted and who holds no work item of the form may not read it.
        var refused = await Assert.ThrowsAsync<FormException>(() => session.GetSubmission(_scene.Agent));
        Assert.Equal(FormErrors.Forbidden, refused.Code);
        Assert.Contains(await _scene.AuditAsync(id), a => a.Action == "form.refused" && a.ActorId == _scene.Agent.UserId);

        var supervisor = new Kasse.Conversations.Participant("supervisor-forms", Kasse.Conversations.ParticipantRole.Supervisor, "Sabine Aufsicht");
        var document = await session.GetSubmission(supervisor);
        Assert.Contains(await _scene.AuditAsync(id), a => a.Action == "form.submission.read" && a.ActorId == supervisor.UserId);
        Assert.Equal(receipt.ContentHash, document.ContentHash);
        var iban = Assert.Single(document.Answers, a => a.Sensitive);
        Assert.Equal(SubmittedAnswer.MaskedValue, iban.Value);
        Assert.DoesNotContain(document.Answers, a => a.Value.Replace(" ", "", StringComparison.Ordinal).Contains("DE8937", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_insured_submits()
    {
        var (_, session) = await _scene.SharedAsync(FormNames.Accident);
        await EnterAsync(session, _scene.Insured, AccidentAnswers.AtHome());

        var refused = await Assert.ThrowsAsync<FormException>(() => session.Submit(_scene.Agent, "submit-1"));

        Assert.Equal(FormErrors.SubmitInsuredOnly, refused.Code);
        Assert.Equal(FormSessionStatus.Open, (await session.GetState(_scene.Insured)).Status);
    }

    /// <summary>
    /// The content hash as docs/forms.md defines it, computed independently: SHA-256 (lower-case hex) of the UTF-8
    /// canonical JSON {"caseReference","form","values","version"} with every object's keys sorted ordinally, no
    /// whitespace, non-ASCII characters written as themselves.
    /// </summary>
    private static string HashAsDocumented(string form, int version, string caseReference, Dictionary<string, string> values)
    {
        var document = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["caseReference"] = JsonValue.Create(caseReference),
            ["form"] = JsonValue.Create(form),
            ["values"] = Sorted(new JsonObject(values.Select(v => KeyValuePair.Create(v.Key, JsonNode.Parse(v.Value))))),
            ["version"] = JsonValue.Create(version),
        };
        var json = JsonSerializer.Serialize(document, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    private static JsonNode Sorted(JsonObject json)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in json.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray())
            sorted[key] = value is JsonObject nested ? Sorted(nested) : value?.DeepClone();
        return sorted;
    }
}
