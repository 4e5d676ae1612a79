using System.Net;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Kasse.Tests.Storage;

/// <summary>
/// The membership protocol against our schema through the provider's own public classes
/// (<see cref="AdoNetClusteringTable"/>, <see cref="AdoNetGatewayListProvider"/>): every clustering query key,
/// the version etag and the DateTime round trip.
/// </summary>
public sealed class AdoNetClusteringTableTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTime Now = TruncateToMicroseconds(DateTime.UtcNow);

    [Fact]
    public async Task Initialising_twice_creates_one_version_row_and_an_empty_table()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var first = CreateTable(connectionString, clusterId);
        var second = CreateTable(connectionString, clusterId);

        await first.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        await second.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);

        var data = await second.ReadAllAsync(Ct);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.Equal("0", data.Version.VersionEtag);
        Assert.Equal(1L, await StorageTestSilo.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM orleans_membership_version WHERE deployment_id = @id", ("id", clusterId)));
    }

    [Fact]
    public async Task Inserted_member_reads_back_with_every_field_and_bumps_the_version()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var entry = Entry(11111, SiloStatus.Active);

        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        var all = await table.ReadAllAsync(Ct);
        Assert.Equal(1, all.Version.Version);
        var (read, etag) = Assert.Single(all.Members);
        Assert.Equal("1", etag);
        AssertSameEntry(entry, read);
        var row = await table.ReadRowAsync(entry.SiloAddress, Ct);
        AssertSameEntry(entry, Assert.Single(row.Members).Item1);
        Assert.Equal(1, row.Version.Version);
    }

    [Fact]
    public async Task Reading_an_unknown_member_returns_only_the_table_version()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        var row = await table.ReadRowAsync(Entry(22222, SiloStatus.Active).SiloAddress, Ct);

        Assert.Empty(row.Members);
        Assert.Equal(1, row.Version.Version);
    }

    [Fact]
    public async Task Insert_with_a_stale_version_is_refused_and_changes_nothing()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var stale = (await table.ReadAllAsync(Ct)).Version;
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), stale.Next(), Ct));

        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Joining), stale.Next(), Ct));

        var all = await table.ReadAllAsync(Ct);
        Assert.Single(all.Members);
        Assert.Equal(1, all.Version.Version);
    }

    [Fact]
    public async Task Inserting_an_existing_member_is_refused_without_bumping_the_version()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var entry = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        Assert.False(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        Assert.Equal(1, (await table.ReadAllAsync(Ct)).Version.Version);
    }

    [Fact]
    public async Task Concurrent_inserts_on_one_version_let_exactly_one_win()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var version = (await table.ReadAllAsync(Ct)).Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => table.InsertRowAsync(Entry(11000 + i, SiloStatus.Joining), version, Ct)));

        Assert.Single(results, r => r);
        var all = await table.ReadAllAsync(Ct);
        Assert.Single(all.Members);
        Assert.Equal(1, all.Version.Version);
    }

    [Fact]
    public async Task Update_with_the_current_version_stores_status_and_suspicions()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var entry = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        var (read, etag) = Assert.Single((await table.ReadAllAsync(Ct)).Members);
        var suspecter = SiloAddress.New(IPAddress.Loopback, 22222, 7);
        read.Status = SiloStatus.Active;
        read.IAmAliveTime = Now.AddSeconds(5);
        // SuspectTimes travel as text with millisecond precision.
        var suspectedAt = new DateTime(2026, 3, 1, 12, 0, 3, 250, DateTimeKind.Utc);
        read!.SuspectTimes = [Tuple.Create(suspecter, suspectedAt), Tuple.Create(suspecter, suspectedAt.AddSeconds(1))];

        Assert.True(await table.UpdateRowAsync(read, etag, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        var all = await table.ReadAllAsync(Ct);
        Assert.Equal(2, all.Version.Version);
        var updated = Assert.Single(all.Members).Item1;
        Assert.Equal(SiloStatus.Active, updated.Status);
        Assert.Equal(Now.AddSeconds(5), updated.IAmAliveTime);
        var suspicions = Assert.IsType<List<Tuple<SiloAddress, DateTime>>>(updated.SuspectTimes);
        Assert.Equal(2, suspicions.Count);
        Assert.Equal(suspecter, suspicions[0].Item1);
        Assert.Equal(suspectedAt, suspicions[0].Item2);
    }

    [Fact]
    public async Task Update_with_a_stale_version_is_refused_and_changes_nothing()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var entry = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        var before = await table.ReadAllAsync(Ct);
        var (read, etag) = Assert.Single(before.Members);
        Assert.True(await table.InsertRowAsync(Entry(22222, SiloStatus.Joining), before.Version.Next(), Ct));
        read.Status = SiloStatus.Dead;

        Assert.False(await table.UpdateRowAsync(read, etag, before.Version.Next(), Ct));

        var after = await table.ReadRowAsync(entry.SiloAddress, Ct);
        Assert.Equal(SiloStatus.Joining, Assert.Single(after.Members).Item1.Status);
        Assert.Equal(2, after.Version.Version);
    }

    [Fact]
    public async Task Updating_a_missing_member_is_refused_without_bumping_the_version()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var version = (await table.ReadAllAsync(Ct)).Version;

        Assert.False(await table.UpdateRowAsync(Entry(11111, SiloStatus.Active), version.VersionEtag, version.Next(), Ct));

        Assert.Equal(0, (await table.ReadAllAsync(Ct)).Version.Version);
    }

    [Fact]
    public async Task Heartbeat_moves_the_alive_time_without_bumping_the_version()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var entry = Entry(11111, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        entry.IAmAliveTime = Now.AddMinutes(1);

        await table.UpdateIAmAliveAsync(entry, Ct);

        var all = await table.ReadAllAsync(Ct);
        Assert.Equal(1, all.Version.Version);
        Assert.Equal(Now.AddMinutes(1), Assert.Single(all.Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task Gateways_are_the_active_members_with_a_proxy_port()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var active = Entry(11111, SiloStatus.Active, proxyPort: 31111);
        var joining = Entry(22222, SiloStatus.Joining, proxyPort: 32222);
        var noGateway = Entry(33333, SiloStatus.Active, proxyPort: 0);
        foreach (var entry in new[] { active, joining, noGateway })
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = StorageTestSilo.Invariant, ConnectionString = connectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "svc" }));

        await gateways.InitializeGatewayListProvider();
        var uris = await gateways.GetGateways();

        var uri = Assert.Single(uris);
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 31111, active.SiloAddress.Generation).ToGatewayUri(), uri);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_members_older_than_the_cutoff()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var oldDead = Entry(11111, SiloStatus.Dead, startTime: Now.AddHours(-3), aliveTime: Now.AddHours(-2));
        var recentDead = Entry(22222, SiloStatus.Dead, startTime: Now.AddHours(-3), aliveTime: Now.AddMinutes(-1));
        var oldActive = Entry(33333, SiloStatus.Active, startTime: Now.AddHours(-3), aliveTime: Now.AddHours(-2));
        foreach (var entry in new[] { oldDead, recentDead, oldActive })
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Now.AddHours(-1)), Ct);

        var remaining = (await table.ReadAllAsync(Ct)).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal([recentDead.SiloAddress, oldActive.SiloAddress], remaining);
        Assert.Equal(3, (await table.ReadAllAsync(Ct)).Version.Version);
    }

    [Fact]
    public async Task Cleanup_removes_a_dead_member_suspected_long_ago_but_keeps_one_suspected_recently()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var voter = SiloAddress.New(IPAddress.Loopback, 44444, 4);
        var suspectedLongAgo = Entry(11111, SiloStatus.Dead, startTime: Now.AddHours(-3), aliveTime: Now.AddHours(-2));
        suspectedLongAgo.SuspectTimes = [Tuple.Create(voter, Now.AddHours(-2))];
        var suspectedRecently = Entry(22222, SiloStatus.Dead, startTime: Now.AddHours(-3), aliveTime: Now.AddHours(-2));
        suspectedRecently.SuspectTimes = [Tuple.Create(voter, Now.AddMinutes(-1))];
        foreach (var entry in new[] { suspectedLongAgo, suspectedRecently })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
            var (inserted, etag) = Assert.Single((await table.ReadRowAsync(entry.SiloAddress, Ct)).Members);
            inserted.SuspectTimes = entry.SuspectTimes;
            Assert.True(await table.UpdateRowAsync(inserted, etag, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        }

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Now.AddHours(-1)), Ct);

        var remaining = Assert.Single((await table.ReadAllAsync(Ct)).Members).Item1;
        Assert.Equal(suspectedRecently.SiloAddress, remaining.SiloAddress);
    }

    [Fact]
    public async Task Cleanup_falls_back_to_the_cluster_wide_query_when_the_single_row_query_is_absent()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        Assert.Equal(1L, await StorageTestSilo.ScalarAsync<long>(PostgresServer.WithUser(connectionString, PostgresServer.OwnerRole),
            "WITH d AS (DELETE FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntryKey' RETURNING 1) SELECT count(*) FROM d"));
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var oldDead = Entry(11111, SiloStatus.Dead, startTime: Now.AddHours(-3), aliveTime: Now.AddHours(-2));
        var recentDead = Entry(22222, SiloStatus.Dead, startTime: Now.AddHours(-3), aliveTime: Now.AddMinutes(-1));
        var oldActive = Entry(33333, SiloStatus.Active, startTime: Now.AddHours(-3), aliveTime: Now.AddHours(-2));
        foreach (var entry in new[] { oldDead, recentDead, oldActive })
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync(Ct)).Version.Next(), Ct));

        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Now.AddHours(-1)), Ct);

        var remaining = (await table.ReadAllAsync(Ct)).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal([recentDead.SiloAddress, oldActive.SiloAddress], remaining);
    }

    [Fact]
    public async Task Deleting_the_cluster_removes_its_members_moves_its_version_on_and_spares_other_clusters()
    {
        var (connectionString, clusterId) = await NewClusterAsync();
        var table = await InitialisedTableAsync(connectionString, clusterId);
        var other = await InitialisedTableAsync(connectionString, clusterId + "-other");
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync(Ct)).Version.Next(), Ct));
        Assert.True(await other.InsertRowAsync(Entry(11111, SiloStatus.Active), (await other.ReadAllAsync(Ct)).Version.Next(), Ct));
        var before = (await table.ReadAllAsync(Ct)).Version;

        await table.DeleteMembershipTableEntriesAsync(clusterId, Ct);

        var after = await table.ReadAllAsync(Ct);
        Assert.Empty(after.Members);
        Assert.True(after.Version.Version > before.Version, "a deleted table must not hand out an old version again");
        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Active), before.Next(), Ct));
        Assert.True(await table.InsertRowAsync(Entry(22222, SiloStatus.Active), after.Version.Next(), Ct));
        Assert.Single((await other.ReadAllAsync(Ct)).Members);
    }

    private static async Task<(string ConnectionString, string ClusterId)> NewClusterAsync() =>
        (await StorageTestSilo.CreateMigratedDatabaseAsync(), $"cluster-{Guid.NewGuid():N}");

    private static async Task<IMembershipTable> InitialisedTableAsync(string connectionString, string clusterId)
    {
        var table = CreateTable(connectionString, clusterId);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        return table;
    }

    private static AdoNetClusteringTable CreateTable(string connectionString, string clusterId) => new(
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "svc" }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = StorageTestSilo.Invariant, ConnectionString = connectionString }),
        NullLogger<AdoNetClusteringTable>.Instance);

    private static MembershipEntry Entry(int port, SiloStatus status, int proxyPort = 30000, DateTime? startTime = null, DateTime? aliveTime = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 100 + port % 1000),
        Status = status,
        ProxyPort = proxyPort,
        HostName = "host-" + port,
        SiloName = "silo-" + port,
        StartTime = startTime ?? Now.AddMinutes(-5),
        IAmAliveTime = aliveTime ?? Now,
    };

    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(DateTimeKind.Utc, actual.StartTime.Kind);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(DateTimeKind.Utc, actual.IAmAliveTime.Kind);
        Assert.True(actual.SuspectTimes is null or { Count: 0 });
    }

    private static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);
}
