using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Http;

/// <summary>A body the server cannot read is the caller's mistake: 400 problem details, in Development as in Production.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class MalformedRequestTests(EmbeddedHostFixture fixture)
{
    private KasseTestHost Host => fixture.Host;

    [Theory]
    [InlineData("")]
    [InlineData("{\"userId\":")]
    public async Task A_token_request_without_a_readable_body_is_a_bad_request(string body)
    {
        using var response = await Host.Http.PostAsync("/dev/token", new StringContent(body, MediaTypeHeaderValue.Parse("application/json")));

        await AssertBadRequestAsync(response);
    }

    [Fact]
    public async Task An_upload_whose_form_has_no_boundary_is_a_bad_request()
    {
        using var insured = Host.CreateClient(await Host.SignInAsync("A123456780"));
        var content = new ByteArrayContent("--x\r\n\r\n"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");

        using var response = await insured.PostAsync($"/api/conversations/{Guid.NewGuid()}/attachments", content);

        await AssertBadRequestAsync(response);
    }

    [Fact]
    public async Task Master_data_with_a_date_that_is_no_date_is_a_bad_request()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));

        using var response = await integrator.PutAsJsonAsync("/api/integration/customers/A123456780", new
        {
            givenName = "Anna",
            familyName = "Bergmann",
            birthDate = "kein Datum",
        });

        await AssertBadRequestAsync(response);
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        // A body that is no JSON of the expected shape names its field (validation); anything else unreadable is invalid input.
        Assert.Contains(problem.RootElement.GetProperty("type").GetString(), new[]
        {
            "https://kasse-orleans.dev/problems/validation", "https://kasse-orleans.dev/problems/invalid-input",
        });
    }
}
