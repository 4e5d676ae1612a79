using System.Net;
using System.Text;
using System.Text.Json;

namespace Kasse.Tests.Http;

/// <summary>Enums in request bodies are their names: numbers, numeric strings and comma lists are refused, naming the field.</summary>
[Collection(HttpApiCollection.Name)]
public sealed class EnumValueTests(HttpApiFixture fixture)
{
    private const string Kvnr = "A123456780";

    private static StringContent Body(string preferredChannel) => new(
        $"{{\"givenName\":\"Erika\",\"familyName\":\"Mustermann\",\"birthDate\":\"1964-08-12\",\"preferredChannel\":{preferredChannel}}}",
        Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("999")]
    [InlineData("2")]
    [InlineData("\"3\"")]
    [InlineData("\"Email, App\"")]
    [InlineData("\"Brieftaube\"")]
    public async Task An_enum_value_that_is_not_a_name_is_refused_with_a_validation_problem_naming_the_field(string value)
    {
        using var integrator = fixture.Host.CreateClient(await fixture.Host.SignInAsync("integrator-kernsystem"));
        using var accepted = await integrator.PutAsync($"/api/integration/customers/{Kvnr}", Body("\"telefon\""));
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);

        using var refused = await integrator.PutAsync($"/api/integration/customers/{Kvnr}", Body(value));

        var problem = await ProblemAssert.NamesFieldAsync(refused, "preferredChannel");
        Assert.Contains("Email, Post, App, Telefon, Sms", problem.GetProperty("errors").GetProperty("preferredChannel")[0].GetString(), StringComparison.Ordinal);
        using var stored = JsonDocument.Parse(await integrator.GetStringAsync($"/api/integration/customers/{Kvnr}"));
        Assert.Equal("Telefon", stored.RootElement.GetProperty("preferredChannel").GetString());
    }

    [Fact]
    public async Task The_api_description_lists_the_names_of_an_enum()
    {
        using var document = JsonDocument.Parse(await fixture.Host.Http.GetStringAsync("/openapi/v1.json"));
        var schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("PreferredChannel");
        Assert.Equal(["Email", "Post", "App", "Telefon", "Sms"], schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
