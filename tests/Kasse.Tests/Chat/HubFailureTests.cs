using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kasse.Tests.Chat;

/// <summary>
/// How hub calls fail: a transient cluster failure is a coded, retryable UNAVAILABLE; a refusal is logged as one
/// Information line without a stack; an unexpected failure stays an error with its stack.
/// </summary>
public sealed class HubFailureTests : IAsyncLifetime
{
    private readonly GrainCallFaults _faults = new();
    private readonly CapturingLoggerProvider _logs = new();
    private KasseTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KasseTestHost.StartAsync(
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information" },
            configure: builder =>
            {
                builder.Services.AddSingleton<IIncomingGrainCallFilter>(_faults);
                builder.Logging.AddProvider(_logs);
            });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<ChatClient> ConnectAsync(string userId, string hub) =>
        await new ChatClient(_host.CreateHubConnection(hub, await _host.SignInAsync(userId))).StartAsync();

    [Theory]
    [InlineData("silo")]
    [InlineData("timeout")]
    public async Task A_send_while_the_grains_silo_is_unreachable_is_answered_UNAVAILABLE_and_its_retry_is_stored_once(string failure)
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Ausfall", null);

        // A silo gone for longer than the gateway's own retries (SiloGoneRetryFilter.Budget); a timeout is not retried.
        _faults.FailNext(nameof(IConversationGrain.Post), failure == "silo" ? int.MaxValue : 1, () => failure == "silo"
            ? new SiloUnavailableException("simulated: the silo of the conversation died")
            : new TimeoutException("simulated: the grain call timed out"));
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "u-1", "Hallo?"));
        Assert.Equal("UNAVAILABLE", refused.Code());
        Assert.Contains("nicht erreichbar", refused.Message, StringComparison.Ordinal);

        // The product's client retries UNAVAILABLE with the same client message id.
        _faults.FailNext(nameof(IConversationGrain.Post), 2, () => new TimeoutException("simulated: still slow"));
        var ack = await insured.SendAsync(id, "u-1", "Hallo?");
        Assert.Equal(2, insured.UnavailableRetries);
        Assert.Equal(2, ack.Seq);
        await insured.ResumeAsync(id);
        Assert.Single(insured.Events(id), e => e.ClientMessageId == "u-1");
    }

    [Fact]
    public async Task A_send_rejected_by_a_silo_gone_for_a_moment_is_retried_by_the_gateway_and_stored_once()
    {
        await using var insured = await ConnectAsync("A123456780", "/hubs/customer");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Ausfall", null);

        // Two rejections, as while a killed silo's grain is placed again: the gateway tries again itself.
        _faults.FailNext(nameof(IConversationGrain.Post), 2, () => new SiloUnavailableException("simulated: the silo of the conversation died"));
        var ack = await insured.SendAsync(id, "u-1", "Hallo?");

        Assert.Equal(0, insured.UnavailableRetries);
        Assert.Equal(2, ack.Seq);
        await insured.ResumeAsync(id);
        Assert.Single(insured.Events(id), e => e.ClientMessageId == "u-1");
    }

    [Fact]
    public async Task A_refused_call_is_one_information_line_with_its_code_and_no_error()
    {
        await using var insured = await ConnectAsync("Z987654321", "/hubs/customer");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Ablehnung", null);

        var refused = await Assert.ThrowsAsync<HubException>(() => insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "r-1", "   "));
        Assert.Equal("MESSAGE_EMPTY", refused.Code());

        // Both the filter and SignalR log before the answer goes out, so the lines are there now.
        var lines = _logs.Lines.ToArray();
        Assert.DoesNotContain(lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("SendMessage", StringComparison.Ordinal));
        var refusal = Assert.Single(lines, line => line.Contains("MESSAGE_EMPTY", StringComparison.Ordinal));
        Assert.StartsWith("Information", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", refusal, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task An_unexpected_failure_is_still_logged_as_an_error_with_its_stack()
    {
        await using var insured = await ConnectAsync("T012345678", "/hubs/customer");
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Fehler", null);

        _faults.FailNext(nameof(IConversationGrain.Post), 1, () => new InvalidOperationException("simulated: a bug"));
        var failed = await Assert.ThrowsAsync<HubException>(() => insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "b-1", "Hallo"));
        Assert.DoesNotContain("simulated", failed.Message, StringComparison.Ordinal);

        await Eventually.ReturnsAsync(
            () => Task.FromResult(_logs.Lines.ToArray()),
            lines => lines.Any(line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("simulated: a bug", StringComparison.Ordinal)
                && line.Contains(" at ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15), "an error entry with the stack");
    }
}
