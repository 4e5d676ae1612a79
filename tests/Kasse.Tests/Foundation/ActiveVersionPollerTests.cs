using Kasse.Grains.Common;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasse.Tests.Foundation;

/// <summary>
/// The pollers behind the active rule sets and contact policy: a failed round is a warning while the silo runs, but
/// while it is stopping grain calls fail by design ("shutting down"), and the poller ends quietly.
/// </summary>
public sealed class ActiveVersionPollerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_round_that_fails_while_the_silo_runs_is_logged_as_a_warning_and_retried()
    {
        using var logs = new CapturingLoggerProvider();
        using var lifetime = new Lifetime();
        using var poller = new FailingPoller(lifetime, logs.CreateLogger("poller"));
        await poller.StartAsync(CancellationToken.None);
        lifetime.Start();

        await Eventually.ReturnsAsync(
            () => Task.FromResult(logs.Lines.Count(l => l.StartsWith("Warning", StringComparison.Ordinal))), n => n >= 1, Timeout, "a warning");
        Assert.False(poller.ExecuteTask!.IsCompleted);
        await poller.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_round_that_fails_while_the_silo_stops_ends_the_poller_without_a_warning()
    {
        using var logs = new CapturingLoggerProvider();
        using var lifetime = new Lifetime();
        using var poller = new FailingPoller(lifetime, logs.CreateLogger("poller"));
        await poller.StartAsync(CancellationToken.None);
        lifetime.Stop();
        lifetime.Start();

        await poller.ExecuteTask!.WaitAsync(Timeout);
        Assert.Equal(1, poller.Rounds);
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
    }

    /// <summary>Every round fails as a grain call does on a silo that is shutting down.</summary>
    private sealed class FailingPoller(IHostApplicationLifetime lifetime, ILogger logger)
        : ActiveVersionPoller(lifetime, TimeSpan.FromMilliseconds(50), logger)
    {
        private int _rounds;

        public int Rounds => Volatile.Read(ref _rounds);

        protected override string What => "the test's version";

        protected override Task RefreshAsync(CancellationToken stoppingToken)
        {
            Interlocked.Increment(ref _rounds);
            throw new InvalidOperationException("The local Orleans host is shutting down");
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();
        private readonly CancellationTokenSource _stopping = new();
        private readonly CancellationTokenSource _stopped = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => _stopped.Token;

        public void Start() => _started.Cancel();

        public void Stop() => _stopping.Cancel();

        public void StopApplication() => Stop();

        public void Dispose()
        {
            _started.Dispose();
            _stopping.Dispose();
            _stopped.Dispose();
        }
    }
}
