using System.Diagnostics;
using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Policy;
using Kasse.Tests.Infrastructure;
using Xunit.Abstractions;
using static Kasse.Tests.Campaigns.Policy.PolicyRequests;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary>The policy grain's versions (validation, append-only store) and the silos' cache of the active version.</summary>
public sealed class ContactPolicyGrainTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_new_installation_starts_with_the_default_and_publishing_adds_versions_newest_first()
    {
        await using var cluster = await PolicyCluster.StartAsync(1, postgres: true);
        var policy = cluster.Grains.GetGrain<IContactPolicyGrain>(0);
        var first = await policy.GetActive();
        Assert.Equal((1, ContactPolicyGrain.SystemPublisher), (first.Version, first.PublishedBy));
        Assert.Equal(ContactPolicyJson.Serialize(DefaultContactPolicy.Document), ContactPolicyJson.Serialize(first.Document));

        var published = await policy.Publish(Limits(new ContactLimit("1 Kontakt", 1, 7)), "admin-1");
        Assert.Equal(2, published.Version);
        Assert.Equal([2, 1], (await policy.ListVersions()).Select(v => v.Version));

        // The versions are in contact_policy_versions: a fresh store reads them back.
        var stored = await new PostgresContactPolicyStore(Npgsql.NpgsqlDataSource.Create(cluster.ConnectionString!)).ReadAllAsync();
        Assert.Equal([(1, "system"), (2, "admin-1")], stored.Select(v => (v.Version, v.PublishedBy)));
        Assert.Equal("1 Kontakt", stored[1].Document.Limits[0].Name);
    }

    [Fact]
    public async Task An_invalid_policy_is_refused_with_every_reason_and_nothing_is_published()
    {
        await using var cluster = await PolicyCluster.StartAsync(1, postgres: false);
        var policy = cluster.Grains.GetGrain<IContactPolicyGrain>(0);
        var invalid = new ContactPolicyDocument(
            [new ContactLimit("doppelt", 2, 0), new ContactLimit("doppelt", -1, 7, null, [ContactChannel.Email, ContactChannel.Email])],
            [new OutcomeSuppression("", ContactOutcome.Reject, 0, 30, 30, SuppressionScope.Offer)],
            [new QuietPeriod("Weihnachten", From: new DateOnly(2026, 12, 26), To: new DateOnly(2026, 12, 24)), new QuietPeriod("halb", DailyFrom: new TimeOnly(20, 0))],
            ReservationTtlMinutes: 0);
        var error = await Assert.ThrowsAsync<CampaignException>(() => policy.Publish(invalid, "admin-1"));
        Assert.Equal(CampaignErrors.PolicyInvalid, error.Code);
        foreach (var reason in new[]
        {
            "limits[0].windowDays", "limits[1].name \"doppelt\" is used twice", "limits[1].max", "limits[1].channels names a channel twice",
            "suppressions[0].name", "suppressions[0].count", "quietPeriods[0].from must not be after to", "quietPeriods[1].dailyFrom and dailyTo go together",
            "reservationTtlMinutes",
        })
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Single(await policy.ListVersions());
    }

    [Fact]
    public void The_policy_document_reads_back_from_json_as_the_admin_page_writes_it()
    {
        const string json = """
            {"limits":[{"name":"E-Mail","max":1,"windowDays":7,"channels":["Email"]}],
             "suppressions":[{"name":"Ablehnung","outcome":"Reject","count":1,"withinDays":30,"suppressDays":30,"scope":"Offer"}],
             "quietPeriods":[{"name":"Weihnachten","from":"2026-12-24","to":"2026-12-26"},{"name":"Nachts","channels":["Phone"],"dailyFrom":"20:00","dailyTo":"08:00"}],
             "reservationTtlMinutes":30}
            """;
        var document = ContactPolicyJson.Parse(json);
        Assert.Empty(ContactPolicyValidator.Problems(document));
        Assert.Equal([ContactChannel.Email], document.Limits[0].Channels);
        Assert.Equal(new TimeOnly(20, 0), document.QuietPeriods[1].DailyFrom);
        Assert.Equal(ContactPolicyJson.Serialize(document), ContactPolicyJson.Serialize(ContactPolicyJson.Parse(ContactPolicyJson.Serialize(document))));
        Assert.Equal(CampaignErrors.PolicyInvalid, Assert.Throws<CampaignException>(() => ContactPolicyJson.Parse("{\"limits\": 3}")).Code);
    }

    [Fact]
    public async Task Every_silo_decides_under_a_newly_published_version_within_about_a_second()
    {
        await using var cluster = await PolicyCluster.StartAsync(2, postgres: false);
        var customers = new[] { await PolicyCluster.KnownCustomerAsync(cluster.GrainsOf(0), "c-v0"), await PolicyCluster.KnownCustomerAsync(cluster.GrainsOf(1), "c-v1") };
        await Eventually.ReturnsAsync(() => Task.FromResult(Enumerable.Range(0, 2).All(s => cluster.ServiceOf<IActiveContactPolicy>(s).Current.PublishedAt != DateTimeOffset.UnixEpoch)),
            seen => seen, TimeSpan.FromSeconds(30), "both silos loaded the active policy");

        var watch = Stopwatch.StartNew();
        var published = await cluster.Grains.GetGrain<IContactPolicyGrain>(0).Publish(Limits(new ContactLimit("Nur ein Brief", 1, 7, null, [ContactChannel.Letter])), "admin-1");
        await Eventually.ReturnsAsync(() => Task.FromResult(Enumerable.Range(0, 2).All(s => cluster.ServiceOf<IActiveContactPolicy>(s).Current.Version == published.Version)),
            seen => seen, TimeSpan.FromSeconds(30), "both silos see the new version");
        output.WriteLine($"both silos had version {published.Version} after {watch.Elapsed.TotalMilliseconds:F0} ms");

        foreach (var customer in customers)
        {
            var first = await customer.ReserveContact(Marketing(Guid.NewGuid().ToString("N"), ContactChannel.Letter));
            var second = await customer.ReserveContact(Marketing(Guid.NewGuid().ToString("N"), ContactChannel.Letter));
            Assert.Equal((true, published.Version), (first.Granted, first.PolicyVersion));
            Assert.Equal((ContactRefusal.LimitReached, "Nur ein Brief"), (second.Refusal, second.PolicyRule));
        }
        Assert.Equal(published.Version, (await cluster.Grains.GetGrain<ICustomerGrain>("c-v0").GetContactView()).PolicyVersion);
    }
}
