using System.Net;
using System.Text.Json;
using Kasse.Conversations;
using Kasse.Tests.Chat;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Http;

/// <summary>Over HTTP, a transient cluster failure is 503 UNAVAILABLE with Retry-After, as the hubs answer it; never 500.</summary>
public sealed class TransientFailureTests : IAsyncLifetime
{
    private readonly GrainCallFaults _faults = new();
    private KasseTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KasseTestHost.StartAsync(configure: builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(_faults));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_request_whose_grain_call_fails_transiently_is_503_UNAVAILABLE_with_retry_after_and_its_retry_succeeds()
    {
        var token = await _host.SignInAsync("A123456780");
        await using var hub = _host.CreateHubConnection("/hubs/customer", token);
        await hub.StartAsync();
        var id = Guid.NewGuid();
        await hub.InvokeAsync<ConversationView>("StartConversation", id, "Ausfall", null);
        using var insured = _host.CreateClient(token);

        _faults.FailNext(nameof(IConversationGrain.GetView), 1, () => new SiloUnavailableException("simulated: the silo died"));
        using var refused = await insured.GetAsync($"/api/conversations/{id}/transcript.pdf");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("UNAVAILABLE", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("https://kasse-orleans.dev/problems/unavailable", problem.RootElement.GetProperty("type").GetString());

        using var retried = await insured.GetAsync($"/api/conversations/{id}/transcript.pdf");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }
}
