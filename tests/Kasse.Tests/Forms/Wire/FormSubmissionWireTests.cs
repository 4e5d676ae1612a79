using System.Net;
using System.Text.Json;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using UglyToad.PdfPig;
using static Kasse.Tests.Forms.Wire.CoBrowseSetup;

namespace Kasse.Tests.Forms.Wire;

/// <summary>Submitting over the hub: the server checks everything; the control document proves what was submitted.</summary>
[Collection(FormsWireCollection.Name)]
public sealed class FormSubmissionWireTests(EmbeddedHostFixture fixture)
{
    private const string SteuerId = "36574261809";
    private KasseTestHost Host => fixture.Host;

    [Fact]
    public async Task A_client_that_skips_the_ui_and_submits_an_incomplete_form_is_refused_with_form_invalid()
    {
        await using var insured = await FormClient.ConnectAsync(Host, CustomerHubPath, Insured);
        var sessionId = Guid.NewGuid();
        await insured.Connection.InvokeAsync<FormSessionSnapshot>("StartForm", sessionId, FormNames.SteuerId);
        // A Steuer-ID with a wrong check digit: the client may think it done, the server does not.
        await insured.EditAsync(sessionId, "s-1", "steuerId", FormStates.Json("36574261890"), 0);
        await insured.EditAsync(sessionId, "s-2", "bestaetigung", "true", 0);

        var refused = await Assert.ThrowsAsync<HubException>(() => insured.Connection.InvokeAsync<FormSubmissionReceipt>("SubmitForm", sessionId, "submit-1"));

        Assert.Equal(FormErrors.Invalid, refused.Code());
        var state = await insured.Connection.InvokeAsync<FormViewState>("GetFormState", sessionId);
        Assert.Equal(FormSessionStatus.Open, state.Status);
        Assert.False(state.Complete);
        Assert.NotNull(state.Field("steuerId").Error);
        Assert.Null(state.Receipt);
        using var http = Host.CreateClient(await Host.SignInAsync(Insured));
        using var document = await http.GetAsync($"/api/forms/sessions/{sessionId}/control-document.pdf");
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        Assert.Equal("application/problem+json", document.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task After_a_valid_submit_the_control_document_holds_every_answer_the_case_reference_and_the_hash_of_the_receipt()
    {
        await using var insured = await FormClient.ConnectAsync(Host, CustomerHubPath, Insured);
        var sessionId = Guid.NewGuid();
        var snapshot = await insured.Connection.InvokeAsync<FormSessionSnapshot>("StartForm", sessionId, FormNames.SteuerId);
        var kvnrVersion = snapshot.State.Field("kvnr").Version; // may be prefilled
        await insured.EditAsync(sessionId, "v-1", "kvnr", FormStates.Json(Insured), kvnrVersion);
        await insured.EditAsync(sessionId, "v-2", "steuerId", FormStates.Json(SteuerId), 0);
        await insured.EditAsync(sessionId, "v-3", "bestaetigung", "true", 0);

        var receipt = await insured.Connection.InvokeAsync<FormSubmissionReceipt>("SubmitForm", sessionId, "submit-1");
        var again = await insured.Connection.InvokeAsync<FormSubmissionReceipt>("SubmitForm", sessionId, "submit-2");

        Assert.Equal(receipt, again);
        Assert.Matches("^[0-9a-f]{64}$", receipt.ContentHash);
        var closed = await Assert.ThrowsAsync<HubException>(() => insured.EditAsync(sessionId, "v-4", "bestaetigung", null, 1));
        Assert.Equal(FormErrors.SessionClosed, closed.Code());
        using var http = Host.CreateClient(await Host.SignInAsync(Insured));
        using var response = await http.GetAsync($"/api/forms/sessions/{sessionId}/control-document.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync(), out var title);
        Assert.Contains(receipt.CaseReference, text, StringComparison.Ordinal);
        Assert.Contains(receipt.ContentHash, text, StringComparison.Ordinal);
        Assert.Contains(SteuerId, text, StringComparison.Ordinal);
        Assert.Contains(Insured, text, StringComparison.Ordinal);
        Assert.Contains("Kontrolldokument", text, StringComparison.Ordinal);
        Assert.Contains("Anna Bergmann", text, StringComparison.Ordinal); // submitted by
        using var definition = JsonDocument.Parse(snapshot.Definition);
        foreach (var step in definition.RootElement.GetProperty("steps").EnumerateArray())
        {
            Assert.Contains(step.GetProperty("title").GetProperty("de").GetString()!, text, StringComparison.Ordinal);
            foreach (var field in step.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("fields").EnumerateArray()))
                Assert.Contains(field.GetProperty("label").GetProperty("de").GetString()!, text, StringComparison.Ordinal);
        }
        Assert.Contains(receipt.CaseReference, title, StringComparison.Ordinal);

        using var english = await http.GetAsync($"/api/forms/sessions/{sessionId}/control-document.pdf?lang=en");
        var englishText = PdfText(await english.Content.ReadAsByteArrayAsync(), out _);
        Assert.Contains("Control document", englishText, StringComparison.Ordinal);
        Assert.Contains(receipt.ContentHash, englishText, StringComparison.Ordinal);
        using var stranger = Host.CreateClient(await Host.SignInAsync("T012345678"));
        using var foreign = await stranger.GetAsync($"/api/forms/sessions/{sessionId}/control-document.pdf");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    /// <summary>The words of every page (PdfPig splits at spaces), and the document's title from its metadata.</summary>
    private static string PdfText(byte[] bytes, out string title)
    {
        using var pdf = PdfDocument.Open(bytes);
        title = pdf.Information.Title ?? "";
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
