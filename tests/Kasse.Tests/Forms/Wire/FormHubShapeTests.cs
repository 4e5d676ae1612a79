using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Kasse.Tests.Forms.Wire.CoBrowseSetup;

namespace Kasse.Tests.Forms.Wire;

/// <summary>What the forms protocol looks like on the wire, and how malformed calls are refused before any grain.</summary>
[Collection(FormsWireCollection.Name)]
public sealed class FormHubShapeTests(EmbeddedHostFixture fixture)
{
    private KasseTestHost Host => fixture.Host;

    [Fact]
    public async Task Values_travel_as_plain_json_and_enums_as_their_names()
    {
        await using var insured = await FormClient.ConnectAsync(Host, CustomerHubPath, Insured);
        var sessionId = Guid.NewGuid();
        await insured.Connection.InvokeAsync<FormSessionSnapshot>("StartForm", sessionId, FormNames.Accident);
        await insured.EditAsync(sessionId, "yes", "zeugenVorhanden", "true", 0);

        var row = await insured.EditAsync(sessionId, "row-1", "zeugen[w1]", null, 0, FormEditKind.AddRow);
        var text = await insured.EditAsync(sessionId, "text-1", "hergangBeschreibung", FormStates.Json("Zeile 1\nZeile 2 – „Glatteis“"), 0);
        var definitions = await insured.Connection.InvokeAsync<IReadOnlyList<FormDefinitionOverview>>("ListFormDefinitions");

        Assert.Equal(FormEditStatus.Applied, row.Status);
        Assert.Equal("zeugen", row.Field.Path);
        Assert.Equal(["w1"], JsonSerializer.Deserialize<string[]>(row.Field.Value!)!);
        var state = await insured.WaitForStateAsync(sessionId, s => s.Seq >= text.Seq, "the state after the edits");
        Assert.Equal("Zeile 1\nZeile 2 – „Glatteis“", state.TextOf("hergangBeschreibung"));
        var frames = insured.ReceivedFrames;
        Assert.Contains("\"status\":\"Applied\"", frames, StringComparison.Ordinal);
        Assert.Contains("\"value\":[\"w1\"]", frames, StringComparison.Ordinal); // a JSON array, not a string holding one
        Assert.Contains("\"type\":1,\"target\":\"formState\"", frames, StringComparison.Ordinal);
        Assert.Equal(FormNames.Shipped.Order(StringComparer.Ordinal), definitions.Select(d => d.Name));
        Assert.All(definitions, d => Assert.NotNull(d.ActiveVersion));
    }

    [Fact]
    public async Task An_address_object_round_trips_as_the_same_json()
    {
        await using var insured = await FormClient.ConnectAsync(Host, CustomerHubPath, Insured);
        var sessionId = Guid.NewGuid();
        await insured.Connection.InvokeAsync<FormSessionSnapshot>("StartForm", sessionId, FormNames.SepaMandate);
        const string Address = """{"street":"Hafenstraße","houseNumber":"3a","postalCode":"24103","city":"Kiel"}""";

        var result = await insured.EditAsync(sessionId, "addr-1", "kontoinhaberAdresse", Address, 0);

        Assert.Equal(FormEditStatus.Applied, result.Status);
        using var sent = JsonDocument.Parse(Address);
        using var stored = JsonDocument.Parse(result.Field.Value!);
        Assert.True(JsonElement.DeepEquals(sent.RootElement, stored.RootElement), result.Field.Value);
        Assert.Contains("\"value\":{", insured.ReceivedFrames, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_written_from_the_docs_sends_values_as_plain_json_and_kinds_by_name()
    {
        await using var browser = await RawHubClient.ConnectAsync(Host, CustomerHubPath, Insured);
        var sessionId = Guid.NewGuid();
        var started = await browser.InvokeAsync("StartForm", $$"""["{{sessionId}}","{{FormNames.Accident}}"]""");
        Assert.Null(started["error"]);

        var yesNo = await browser.InvokeAsync("EditForm", $$"""["{{sessionId}}",{"operationId":"b-1","path":"zeugenVorhanden","value":true,"baseVersion":0}]""");
        var row = await browser.InvokeAsync("EditForm", $$"""["{{sessionId}}",{"operationId":"b-2","path":"zeugen[w1]","value":null,"baseVersion":0,"kind":"AddRow"}]""");
        var refused = await browser.InvokeAsync("EditForm", $$"""["{{sessionId}}",{"operationId":"b 3","path":"zeugen","value":[],"baseVersion":1}]""");

        Assert.Equal("Applied", (string?)yesNo["result"]!["status"]);
        Assert.Equal("true", yesNo["result"]!["field"]!["value"]!.ToJsonString());
        Assert.Equal("Applied", (string?)row["result"]!["status"]);
        Assert.Equal("""["w1"]""", row["result"]!["field"]!["value"]!.ToJsonString());
        Assert.StartsWith($"{FormErrors.OperationIdInvalid}: ", ((string?)refused["error"])?.Split("HubException: ").Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_form_calls_are_refused_with_codes_before_any_grain_is_asked()
    {
        await using var insured = await FormClient.ConnectAsync(Host, CustomerHubPath, Insured);
        await using var agent = await FormClient.ConnectAsync(Host, AgentHubPath, Agent);
        var id = Guid.NewGuid();

        Assert.Equal("INVALID_INPUT", await CodeOf(insured.Connection.InvokeAsync<FormSessionSnapshot>("StartForm", Guid.Empty, FormNames.Accident)));
        Assert.Equal(FormErrors.DefinitionNotFound, await CodeOf(insured.Connection.InvokeAsync<FormSessionSnapshot>("StartForm", id, "../unfallfragebogen")));
        Assert.Equal(FormErrors.DefinitionNotFound, await CodeOf(insured.Connection.InvokeAsync<FormSessionSnapshot>("StartForm", id, "gibt-es-nicht")));
        Assert.Equal(FormErrors.OperationIdInvalid, await CodeOf(insured.EditAsync(id, "", "ort", "\"Kiel\"", 0)));
        Assert.Equal(FormErrors.OperationIdInvalid, await CodeOf(insured.EditAsync(id, "mit leerzeichen", "ort", "\"Kiel\"", 0)));
        Assert.Equal(FormErrors.OperationIdInvalid, await CodeOf(insured.EditAsync(id, new string('a', 65), "ort", "\"Kiel\"", 0)));
        Assert.Equal(FormErrors.UnknownField, await CodeOf(insured.EditAsync(id, "op", new string('a', 201), "\"Kiel\"", 0)));
        Assert.Equal(FormErrors.UnknownField, await CodeOf(insured.EditAsync(id, "op", "ort; drop", "\"Kiel\"", 0)));
        Assert.Equal(FormErrors.ValueInvalid, await CodeOf(insured.EditAsync(id, "op", "ort", FormStates.Json(new string('x', 16 * 1024)), 0)));
        Assert.Equal(FormErrors.ValueInvalid, await CodeOf(insured.EditAsync(id, "op", "ort", "\"Ki\\u0000el\"", 0)));
        Assert.Equal("INVALID_INPUT", await CodeOf(insured.EditAsync(id, "op", "ort", "\"Kiel\"", -1)));
        Assert.Equal("INVALID_INPUT", await CodeOf(insured.EditAsync(id, "op", "ort", "\"Kiel\"", 0, (FormEditKind)7)));
        Assert.Equal("INVALID_INPUT", await CodeOf(insured.Connection.InvokeAsync("FocusForm", id, "schritt eins", null)));
        Assert.Equal(FormErrors.OperationIdInvalid, await CodeOf(insured.Connection.InvokeAsync<FormSubmissionReceipt>("SubmitForm", id, "")));
        Assert.Equal("INVALID_INPUT", await CodeOf(agent.Connection.InvokeAsync<FormSessionSnapshot>("ProposeForm", Guid.Empty, id, FormNames.SepaMandate)));
        Assert.Equal("INVALID_INPUT", await CodeOf(agent.Connection.InvokeAsync<FormSessionSnapshot>("StartFormForWorkItem", "", id, FormNames.SepaMandate)));
        Assert.Equal(FormErrors.SessionNotFound, await CodeOf(insured.Connection.InvokeAsync<FormViewState>("GetFormState", id)));

        using var http = Host.CreateClient(await Host.SignInAsync(Insured));
        using var upload = await http.PostAsync($"/api/forms/sessions/{id}/files", new MultipartFormDataContent { { new StringContent("unterlagen"), "path" } });
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        var problem = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(FormErrors.OperationIdInvalid, problem.GetProperty("title").GetString());
    }

    private static async Task<string> CodeOf(Task call)
    {
        var refused = await Assert.ThrowsAsync<HubException>(() => call);
        return refused.Code();
    }
}
