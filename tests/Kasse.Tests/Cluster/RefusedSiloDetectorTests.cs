using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Kasse.Silo.Hosting;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kasse.Tests.Cluster;

/// <summary>
/// The refused-port check on real sockets, with the membership as a stand-in: a silo whose port refuses is declared
/// dead, one whose port accepts is left alone, and so is one that is no longer Active once the table is read again.
/// </summary>
public sealed class RefusedSiloDetectorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly SiloAddress Self = Silo(FreePorts.Next());

    [Fact]
    public async Task A_silo_whose_port_refuses_connections_is_declared_dead()
    {
        var gone = Silo(FreePorts.Next());
        var membership = new Membership([Self, gone]);

        await using (await RunAsync(membership))
            Assert.Equal(gone, await membership.Killed.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.ForEvent(Wait)));
    }

    [Fact]
    public async Task A_silo_whose_port_accepts_connections_is_left_alone()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var alive = Silo(((IPEndPoint)listener.LocalEndpoint).Port);
        // A silo that is gone beside it shows that the checks run: each round declares it dead again.
        var gone = Silo(FreePorts.Next());
        var membership = new Membership([Self, alive, gone]);

        await using (await RunAsync(membership))
            await TwoRoundsAsync(membership, gone);

        Assert.DoesNotContain(alive, membership.AllKilled);
    }

    [Fact]
    public async Task A_silo_that_is_shutting_down_when_the_table_is_read_again_is_left_alone()
    {
        // Its port refuses, but a graceful stop writes ShuttingDown before it closes the port: the fresh read shows it.
        var stopping = Silo(FreePorts.Next());
        var gone = Silo(FreePorts.Next());
        var membership = new Membership([Self, stopping, gone]) { ShutsDownOnRefresh = stopping };

        await using (await RunAsync(membership))
            await TwoRoundsAsync(membership, gone);

        Assert.DoesNotContain(stopping, membership.AllKilled);
    }

    /// <summary>Waits for two rounds of checks (the gone silo declared dead twice): every check of the first has ended.</summary>
    private static async Task TwoRoundsAsync(Membership membership, SiloAddress gone)
    {
        for (var round = 0; round < 2; round++)
        {
            SiloAddress killed;
            do
                killed = await membership.Killed.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.ForEvent(Wait));
            while (!killed.Equals(gone));
        }
    }

    private static async Task<IAsyncDisposable> RunAsync(Membership membership)
    {
        var detector = new RefusedSiloDetector(
            membership,
            new LocalSilo(Self),
            Options.Create(new RefusedSiloDetectionOptions { Interval = TimeSpan.FromMilliseconds(50), ConfirmAfter = TimeSpan.FromMilliseconds(20) }),
            NullLogger<RefusedSiloDetector>.Instance);
        await detector.StartAsync(CancellationToken.None);
        return new Stopper(detector);
    }

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);

    private sealed class Stopper(RefusedSiloDetector detector) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await detector.StopAsync(CancellationToken.None);
            detector.Dispose();
        }
    }

    /// <summary>A membership whose members are all Active; records whom the detector declares dead.</summary>
    private sealed class Membership(SiloAddress[] members) : IClusterMembershipService
    {
        private readonly ConcurrentDictionary<SiloAddress, SiloStatus> _status = new(members.Select(m => KeyValuePair.Create(m, SiloStatus.Active)));
        private readonly ConcurrentQueue<SiloAddress> _killed = new();

        public Channel<SiloAddress> Killed { get; } = Channel.CreateUnbounded<SiloAddress>();

        public IReadOnlyCollection<SiloAddress> AllKilled => [.. _killed];

        /// <summary>A member that is ShuttingDown from the first refresh on (as the table shows after a graceful stop began).</summary>
        public SiloAddress? ShutsDownOnRefresh { get; init; }

        public ClusterMembershipSnapshot CurrentSnapshot => new(
            _status.ToImmutableDictionary(s => s.Key, s => new ClusterMember(s.Key, s.Value, s.Key.ToString())),
            new MembershipVersion(1));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => Nothing();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default)
        {
            if (ShutsDownOnRefresh is { } silo)
                _status[silo] = SiloStatus.ShuttingDown;
            return ValueTask.CompletedTask;
        }

        public Task<bool> TryKill(SiloAddress siloAddress)
        {
            _killed.Enqueue(siloAddress);
            Killed.Writer.TryWrite(siloAddress);
            return Task.FromResult(true);
        }

        private static async IAsyncEnumerable<ClusterMembershipSnapshot> Nothing([EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Delay(Timeout.Infinite, ct);
            yield break;
        }
    }

    private sealed class LocalSilo(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "self";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }
}
