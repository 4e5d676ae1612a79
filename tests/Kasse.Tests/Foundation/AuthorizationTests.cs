using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Foundation;

/// <summary>Nothing is reachable anonymously unless it says so; roles separate insured, agents, admins, integrators.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class AuthorizationTests(EmbeddedHostFixture fixture)
{
    private KasseTestHost Host => fixture.Host;

    [Theory]
    [InlineData("/api/me/")]
    [InlineData("/api/admin/silos")]
    [InlineData("/api/integration/customers/A123456780")]
    public async Task Anonymous_api_call_is_refused_with_problem_details(string path)
    {
        using var response = await Host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/hubs/customer")]
    [InlineData("/hubs/agent")]
    [InlineData("/hubs/echo")]
    public async Task Anonymous_hub_connection_is_refused(string path)
    {
        await using var connection = Host.CreateHubConnection(path, token: null);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task Insured_person_cannot_use_the_agent_hub_but_can_use_the_customer_hub()
    {
        var token = await Host.SignInAsync("T012345678");
        await using var agentHub = Host.CreateHubConnection("/hubs/agent", token);
        await Assert.ThrowsAnyAsync<Exception>(() => agentHub.StartAsync());

        await using var customerHub = Host.CreateHubConnection("/hubs/customer", token);
        await customerHub.StartAsync();
        var profile = await Eventually.ReturnsAsync(
            () => customerHub.InvokeAsync<JsonElement>("GetProfile"), _ => true, TimeSpan.FromSeconds(20), "demo profile seeded");
        Assert.Equal("Weißmüller", profile.GetProperty("familyName").GetString());
    }

    [Fact]
    public async Task Agent_cannot_call_admin_or_integration_endpoints()
    {
        using var agent = Host.CreateClient(await Host.SignInAsync("agent-mueller"));
        using var admin = await agent.GetAsync("/api/admin/silos");
        using var integration = await agent.GetAsync("/api/integration/customers/A123456780");
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, integration.StatusCode);
    }

    [Fact]
    public async Task Invalid_master_data_is_rejected_with_validation_problem_and_changes_nothing()
    {
        using var integrator = Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));
        using var response = await integrator.PutAsJsonAsync("/api/integration/customers/A123456789", new
        {
            givenName = "",
            familyName = "Bergmann",
            birthDate = "1984-03-12",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("kvnr", out _));
        Assert.True(errors.TryGetProperty("givenName", out _));
        using var read = await integrator.GetAsync("/api/integration/customers/A123456789");
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
    }

    [Fact]
    public async Task Unknown_demo_user_gets_no_token()
    {
        using var response = await Host.Http.PostAsJsonAsync("/dev/token", new { userId = "nobody" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
