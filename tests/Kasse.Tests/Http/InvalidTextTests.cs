using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kasse.Rules;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Http;

/// <summary>NUL, control characters and broken Unicode never reach a grain or PostgreSQL: 400 INVALID_TEXT everywhere.</summary>
[Collection(HttpApiCollection.Name)]
public sealed class InvalidTextTests(HttpApiFixture fixture)
{
    private const string InvalidText = "INVALID_TEXT";

    private async Task<HttpClient> ClientAsync(string userId) => fixture.Host.CreateClient(await fixture.Host.SignInAsync(userId));

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("subjectType=case&subjectId=V%00")]
    [InlineData("subjectType=case&subjectId=V%01")]
    [InlineData("subjectType=ca%00se&subjectId=V2026000001")]
    public async Task Nul_or_control_characters_in_a_query_value_are_refused_with_invalid_text(string query)
    {
        using var admin = await ClientAsync("admin");
        using var response = await admin.GetAsync($"/api/rules/decisions?{query}");
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, InvalidText);
    }

    [Theory]
    [InlineData("/api/integration/customers/A12345678%01")]
    [InlineData("/api/integration/customers/A12345678%C2%85")]
    public async Task Control_characters_in_a_route_value_are_refused_with_invalid_text(string path)
    {
        using var integrator = await ClientAsync("integrator-kernsystem");
        using var response = await integrator.GetAsync(path);
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, InvalidText);
    }

    [Theory]
    [InlineData("\"Priorit\\u0000t\"")]
    [InlineData("\"Priorit\\ud800t\"")]
    [InlineData("\"Zeile\\u0007\"")]
    public async Task A_rule_document_with_broken_text_is_refused_and_not_stored(string description)
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(ShippedDocument))!.AsObject();
        document["description"] = "PLACEHOLDER";
        var json = document.ToJsonString().Replace("\"PLACEHOLDER\"", description, StringComparison.Ordinal);
        using var admin = await ClientAsync("admin");
        var before = await admin.GetStringAsync($"/api/rules/{RuleSetNames.RoutingPriority}");

        using var response = await admin.PostAsync($"/api/rules/{RuleSetNames.RoutingPriority}/versions", JsonBody(json));

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, InvalidText);
        Assert.Equal(before, await admin.GetStringAsync($"/api/rules/{RuleSetNames.RoutingPriority}"));
    }

    [Fact]
    public async Task A_property_name_with_nul_in_free_form_json_is_refused()
    {
        using var admin = await ClientAsync("admin");
        using var response = await admin.PostAsync(
            $"/api/rules/{RuleSetNames.RoutingPriority}/dry-run", JsonBody("{\"input\":{\"chan\\u0000nel\":\"chat\"}}"));
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, InvalidText);
    }

    [Fact]
    public async Task Master_data_with_nul_in_a_name_is_refused_and_not_stored()
    {
        using var integrator = await ClientAsync("integrator-kernsystem");
        using var response = await integrator.PutAsync("/api/integration/customers/Z987654321", JsonBody(
            "{\"givenName\":\"Jo\\u0000nas\",\"familyName\":\"Klein\",\"birthDate\":\"1990-01-01\"}"));

        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, InvalidText);
        Assert.Contains("givenName", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var read = await integrator.GetAsync("/api/integration/customers/Z987654321");
        Assert.DoesNotContain("Jo", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ordinary_text_with_umlauts_line_breaks_and_emoji_is_accepted()
    {
        using var integrator = await ClientAsync("integrator-kernsystem");
        using var response = await integrator.PutAsync("/api/integration/customers/T012345678", JsonBody(
            "{\"givenName\":\"Jürgen \\ud83d\\ude00\",\"familyName\":\"Weißmüller\",\"birthDate\":\"1990-01-01\",\"email\":\"a@b.de\"}"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static string ShippedDocument => Path.Combine(RepositoryPaths.Root, "grains", "Rules", "Defaults", RuleSetNames.RoutingPriority + ".json");
}
