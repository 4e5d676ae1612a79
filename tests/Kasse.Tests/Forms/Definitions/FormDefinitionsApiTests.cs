using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>The definitions' life cycle through the admin HTTP API: shipped versions, drafts, validation, publication, preview.</summary>
public sealed class FormDefinitionsApiTests(FormDefinitionFixture fixture) : IClassFixture<FormDefinitionFixture>
{
    private async Task<HttpClient> AdminAsync() => fixture.Host.CreateClient(await fixture.Host.SignInAsync("admin"));

    private static async Task<JsonObject> DocumentAsync(HttpClient client, string name, int version) =>
        JsonNode.Parse(await client.GetStringAsync($"/api/forms/definitions/{name}/versions/{version}"))!.AsObject();

    private static async Task<int> CreateDraftAsync(HttpClient client, string name, JsonObject document)
    {
        using var created = await client.PostAsJsonAsync($"/api/forms/definitions/{name}/versions?comment=Test", document);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<FormDefinitionVersionInfo>(Json.Options))!.Version;
    }

    private static JsonObject Field(JsonObject document, string id) =>
        document["steps"]!.AsArray().SelectMany(s => s!["sections"]!.AsArray()).SelectMany(s => s!["fields"]!.AsArray())
            .Select(f => f!.AsObject()).Single(f => (string?)f["id"] == id);

    [Fact]
    public async Task The_shipped_definitions_are_published_as_version_1_on_first_start()
    {
        using var admin = await AdminAsync();

        var list = await admin.GetFromJsonAsync<FormDefinitionOverview[]>("/api/forms/definitions/", Json.Options);

        Assert.Equal(FormNames.Shipped.Order(StringComparer.Ordinal), list!.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.All(list!, d =>
        {
            var first = d.Versions.Single(v => v.Version == 1);
            Assert.Equal("system", first.Author);
            Assert.NotEqual(FormDefinitionStatus.Draft, first.Status);
            Assert.True(d.ActiveVersion >= 1);
        });
        Assert.Equal("Unfallfragebogen", list!.Single(d => d.Name == FormNames.Accident).Title.De);
    }

    [Fact]
    public async Task A_published_draft_becomes_the_active_version_for_new_sessions()
    {
        using var admin = await AdminAsync();
        var document = await DocumentAsync(admin, FormNames.SteuerId, 1);
        Field(document, "kvnr")["label"] = new JsonObject { ["de"] = "Ihre Krankenversichertennummer", ["en"] = "Your health insurance number" };
        var draft = await CreateDraftAsync(admin, FormNames.SteuerId, document);

        using var validation = await admin.PostAsync($"/api/forms/definitions/{FormNames.SteuerId}/versions/{draft}/validate", null);
        Assert.Empty((await validation.Content.ReadFromJsonAsync<FormDefinitionProblem[]>(Json.Options))!);
        using var publication = await admin.PostAsync($"/api/forms/definitions/{FormNames.SteuerId}/versions/{draft}/publish", null);

        Assert.Equal(HttpStatusCode.OK, publication.StatusCode);
        var overview = await publication.Content.ReadFromJsonAsync<FormDefinitionOverview>(Json.Options);
        Assert.Equal(draft, overview!.ActiveVersion);
        Assert.Equal(FormDefinitionStatus.Published, overview.Versions.Single(v => v.Version == draft).Status);
        Assert.All(overview.Versions.Where(v => v.Version != draft), v => Assert.NotEqual(FormDefinitionStatus.Published, v.Status));
        var active = await fixture.Models.GetActiveAsync(FormNames.SteuerId);
        Assert.Equal(draft, active.Version);
        Assert.Contains("Ihre Krankenversichertennummer", active.ClientDefinitionJson, StringComparison.Ordinal);
        Assert.Equal(1, (await fixture.Models.GetAsync(FormNames.SteuerId, 1)).Version); // pinned sessions keep theirs
    }

    [Fact]
    public async Task A_draft_of_the_wrong_shape_is_refused_with_problem_details_naming_each_location()
    {
        using var admin = await AdminAsync();
        var document = await DocumentAsync(admin, FormNames.Accident, 1);
        Field(document, "unfallOrt")["type"] = "dropdown";
        Field(document, "hergangBeschreibung")["id"] = "unfallDatum";

        using var response = await admin.PostAsJsonAsync($"/api/forms/definitions/{FormNames.Accident}/versions", document);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(FormErrors.DefinitionInvalid, (string?)problem["title"]);
        var locations = problem["problems"]!.AsArray().Select(p => (string?)p!["location"]).ToArray();
        Assert.Contains("steps[0].sections[0].fields[1].type", locations);
        Assert.Contains("steps[0].sections[1].fields[0].id", locations);
    }

    [Fact]
    public async Task Publishing_a_draft_with_a_broken_expression_is_refused_with_location_expression_and_position()
    {
        using var admin = await AdminAsync();
        var document = await DocumentAsync(admin, FormNames.Accident, 1);
        Field(document, "dritterName")["visibleIf"] = "Bool(\"dritterBeteiligt\") && DateTime.Now.Year > 2000";
        var draft = await CreateDraftAsync(admin, FormNames.Accident, document);

        using var response = await admin.PostAsync($"/api/forms/definitions/{FormNames.Accident}/versions/{draft}/publish", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var first = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["problems"]![0]!;
        Assert.Equal("steps[1].sections[0].fields[1].visibleIf", (string?)first["location"]);
        Assert.Equal("Bool(\"dritterBeteiligt\") && DateTime.Now.Year > 2000", (string?)first["expression"]);
        Assert.True((int?)first["position"] >= 0);
        var overview = await admin.GetFromJsonAsync<FormDefinitionOverview>($"/api/forms/definitions/{FormNames.Accident}", Json.Options);
        Assert.NotEqual(draft, overview!.ActiveVersion);
        Assert.Equal(FormDefinitionStatus.Draft, overview.Versions.Single(v => v.Version == draft).Status);
    }

    [Fact]
    public async Task Preview_evaluates_values_without_a_session()
    {
        using var admin = await AdminAsync();
        var body = new JsonObject
        {
            ["today"] = "2026-11-23",
            ["values"] = new JsonObject
            {
                ["dritterBeteiligt"] = false,
                ["dritterName"] = "Max Muster",
                ["zeugenVorhanden"] = true,
                ["zeugen"] = new JsonArray("z1"),
                ["zeugen[z1].zeugeName"] = " Anna ",
                ["unfallDatum"] = "2026-12-24",
            },
        };

        using var response = await admin.PostAsJsonAsync($"/api/forms/definitions/{FormNames.Accident}/preview", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(FormNames.Accident, (string?)preview["definition"]!["name"]);
        Assert.False((bool)preview["complete"]!);
        var fields = preview["fields"]!.AsArray().ToDictionary(f => (string)f!["path"]!, f => f!);
        Assert.False((bool)fields["dritterName"]["visible"]!);
        Assert.Null(fields["dritterName"]["value"]); // cleared on hide
        Assert.Equal("Anna", (string?)fields["zeugen[z1].zeugeName"]["value"]);
        Assert.Equal("Das Unfalldatum darf nicht in der Zukunft liegen.", (string?)fields["unfallDatum"]["error"]!["de"]);
        Assert.Equal(3, preview["steps"]!.AsArray().Count);
    }

    [Fact]
    public async Task Preview_of_an_unknown_form_or_field_is_refused()
    {
        using var admin = await AdminAsync();

        using var unknownForm = await admin.PostAsJsonAsync("/api/forms/definitions/gibts-nicht/preview", new JsonObject { ["values"] = new JsonObject() });
        using var unknownField = await admin.PostAsJsonAsync($"/api/forms/definitions/{FormNames.Accident}/preview",
            new JsonObject { ["values"] = new JsonObject { ["gibtsNicht"] = 1 } });

        Assert.Equal(HttpStatusCode.NotFound, unknownForm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal(FormErrors.UnknownField, (string?)JsonNode.Parse(await unknownField.Content.ReadAsStringAsync())!["title"]);
    }

    [Fact]
    public async Task Only_rule_authors_may_use_the_definition_api()
    {
        using var agent = fixture.Host.CreateClient(await fixture.Host.SignInAsync("agent-mueller"));

        using var response = await agent.GetAsync("/api/forms/definitions/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
