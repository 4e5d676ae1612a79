using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kasse.Conversations;
using Kasse.Rules;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Http;

/// <summary>Each endpoint reads a body only as large as it needs: 413 REQUEST_TOO_LARGE beyond, as problem details.</summary>
[Collection(HttpApiCollection.Name)]
public sealed class RequestBodyLimitTests(HttpApiFixture fixture)
{
    private const string RequestTooLarge = "REQUEST_TOO_LARGE";

    private static string ShippedDocument => Path.Combine(RepositoryPaths.Root, "grains", "Rules", "Defaults", RuleSetNames.RoutingPriority + ".json");

    private static async Task<StringContent> RuleDocumentAsync(int descriptionLength)
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(ShippedDocument))!.AsObject();
        document["description"] = new string('x', descriptionLength);
        return new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json");
    }

    [Fact]
    public async Task A_rule_document_of_12_MB_is_refused_with_413_and_one_of_normal_size_is_stored()
    {
        using var admin = fixture.Host.CreateClient(await fixture.Host.SignInAsync("admin"));

        // As curl and browsers send large bodies: the server may refuse before the body is sent.
        using var hugeRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/rules/{RuleSetNames.RoutingPriority}/versions")
        {
            Content = await RuleDocumentAsync(12 * 1024 * 1024),
            Headers = { ExpectContinue = true },
        };
        using var huge = await admin.SendAsync(hugeRequest);
        using var normal = await admin.PostAsync($"/api/rules/{RuleSetNames.RoutingPriority}/versions", await RuleDocumentAsync(500));

        await ProblemAssert.HasCodeAsync(huge, HttpStatusCode.RequestEntityTooLarge, RequestTooLarge);
        Assert.Equal(HttpStatusCode.Created, normal.StatusCode);
    }

    [Fact]
    public async Task Master_data_larger_than_a_person_needs_is_refused_with_413()
    {
        using var integrator = fixture.Host.CreateClient(await fixture.Host.SignInAsync("integrator-kernsystem"));
        using var response = await integrator.PutAsJsonAsync("/api/integration/customers/A123456780", new
        {
            givenName = "Erika",
            familyName = new string('M', 100_000),
            birthDate = "1964-08-12",
        });
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.RequestEntityTooLarge, RequestTooLarge);
    }

    [Fact]
    public async Task A_9_MB_attachment_is_still_accepted()
    {
        var host = fixture.Host;
        var insuredToken = await host.SignInAsync("A123456780");
        await using var insured = await new ChatClient(host.CreateHubConnection("/hubs/customer", insuredToken)).StartAsync();
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Leistungen", null);
        var pdf = new byte[9 * 1024 * 1024];
        "%PDF-"u8.CopyTo(pdf);
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        using var form = new MultipartFormDataContent { { new StringContent("big-1"), "clientMessageId" }, { file, "file", "gross.pdf" } };
        using var http = host.CreateClient(insuredToken);

        using var response = await http.PostAsync($"/api/conversations/{id}/attachments", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<PostAck>(Json.Options))!.Duplicate);
    }
}
