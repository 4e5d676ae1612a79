using System.Diagnostics;
using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Policy;
using Kasse.Tests.Infrastructure;
using static Kasse.Tests.Campaigns.Policy.PolicyRequests;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary>
/// The contact policy's exactness on two silos with PostgreSQL: batch, banner, call-list and agent requests for the same
/// customers, issued concurrently from the client and from both silos, never exceed a limit, and fill it exactly when
/// demand is higher; the stored ledger agrees. An objection is honoured at once everywhere; the ledger survives a silo.
/// </summary>
public sealed class ContactExactnessClusterTests
{
    private static readonly ContactPolicyDocument Policy = new(
        [
            new ContactLimit("Werbung: 2 in 7 Tagen", 2, 7, ContactPurpose.Marketing, DefaultContactPolicy.Outbound),
            new ContactLimit("E-Mail: 1 in 7 Tagen", 1, 7, null, [ContactChannel.Email]),
            new ContactLimit("Banner: 3 am Tag", 3, 1, null, [ContactChannel.Banner]),
        ],
        [],
        []);

    private static readonly (ContactSource Source, ContactChannel Channel)[] Sources =
    [
        (ContactSource.CampaignBatch, ContactChannel.Letter),
        (ContactSource.CampaignBatch, ContactChannel.Email),
        (ContactSource.CampaignTrigger, ContactChannel.AppPush),
        (ContactSource.Banner, ContactChannel.Banner),
        (ContactSource.AgentSuggestion, ContactChannel.AgentDesktop),
    ];

    [Fact]
    public async Task Concurrent_requests_from_every_source_and_both_silos_never_exceed_a_limit_and_fill_it_exactly()
    {
        await using var cluster = await PolicyCluster.StartAsync(2, postgres: true, Policy);
        var callers = new[] { cluster.Grains, cluster.GrainsOf(0), cluster.GrainsOf(1) };
        var keys = Enumerable.Range(0, 12).Select(i => $"c-exact-{i}").ToArray();
        for (var i = 0; i < keys.Length; i++)
            await PolicyCluster.KnownCustomerAsync(callers[i % callers.Length], keys[i]);

        // 30 requests per customer, interleaved over callers and sources; then every request once more (retries).
        var requests = keys.SelectMany(key => Enumerable.Range(0, 30).Select(n =>
        {
            var (source, channel) = Sources[n % Sources.Length];
            return (Key: key, Caller: callers[n % callers.Length], Request: Marketing($"{key}:{n}", channel, source));
        })).ToList();
        var decisions = await Task.WhenAll(requests.Select(r => Task.Run(() => r.Caller.GetGrain<ICustomerGrain>(r.Key).ReserveContact(r.Request))));
        var retries = await Task.WhenAll(requests.Select((r, i) => Task.Run(() => callers[(i + 1) % 3].GetGrain<ICustomerGrain>(r.Key).ReserveContact(r.Request))));
        Assert.Equal(decisions.Where(d => d.Granted).Select(d => d.ContactId).Order(), retries.Where(d => d.Granted).Select(d => d.ContactId).Order());

        foreach (var key in keys)
        {
            var granted = requests.Zip(decisions).Where(p => p.First.Key == key && p.Second.Granted).Select(p => p.First.Request).ToList();
            var outbound = granted.Count(r => DefaultContactPolicy.Outbound.Contains(r.Channel));
            Assert.Equal(2, outbound);
            Assert.InRange(granted.Count(r => r.Channel == ContactChannel.Email), 0, 1);
            Assert.Equal(3, granted.Count(r => r.Channel == ContactChannel.Banner));
            Assert.Equal(6, granted.Count(r => r.Channel == ContactChannel.AgentDesktop));

            var stored = await cluster.StoredEventsAsync(key);
            Assert.Equal(granted.Select(r => r.ContactId).Order(), stored.Where(e => e.Kind == CustomerEventKind.ContactReserved).Select(e => e.RefId).Order());
        }
        Assert.All(decisions.Where(d => !d.Granted), d => Assert.Equal(ContactRefusal.LimitReached, d.Refusal));
    }

    [Fact]
    public async Task An_objection_revokes_open_reservations_and_every_silo_refuses_within_a_second()
    {
        await using var cluster = await PolicyCluster.StartAsync(2, postgres: true, Limits());
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.GrainsOf(0), "c-objection");
        var open = new[] { "batch", "banner", "agent" };
        Assert.True((await customer.ReserveContact(Marketing("batch", ContactChannel.Letter))).Granted);
        Assert.True((await cluster.GrainsOf(1).GetGrain<ICustomerGrain>("c-objection").ReserveContact(Marketing("banner", ContactChannel.Banner, ContactSource.Banner))).Granted);
        Assert.True((await cluster.Grains.GetGrain<ICustomerGrain>("c-objection").ReserveContact(Information("agent", ContactChannel.AgentDesktop))).Granted);
        Assert.True((await customer.ReserveContact(Marketing("done", ContactChannel.AppPush))).Granted);
        Assert.True(await customer.ConfirmContact("done"));

        var consents = await cluster.GrainsOf(1).GetGrain<ICustomerGrain>("c-objection")
            .ChangeConsents(new ConsentChange("objection-1", ConsentChangeKind.ObjectionDeclared, "user-1", "portal"));
        var watch = Stopwatch.StartNew();
        Assert.True(consents.ObjectedToTargeting);
        foreach (var caller in new[] { cluster.GrainsOf(0), cluster.GrainsOf(1), cluster.Grains })
        {
            var decision = await caller.GetGrain<ICustomerGrain>("c-objection").ReserveContact(Information($"after-{watch.ElapsedTicks}", ContactChannel.Letter));
            Assert.Equal(ContactRefusal.Objection, decision.Refusal);
        }
        foreach (var id in open)
            Assert.False(await cluster.GrainsOf(1).GetGrain<ICustomerGrain>("c-objection").ConfirmContact(id));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"refused everywhere after {watch.Elapsed}");

        var stored = await cluster.StoredEventsAsync("c-objection");
        Assert.Equal(open.Order(), stored.Where(e => e.Kind == CustomerEventKind.ContactRevoked).Select(e => e.RefId).Order());
        Assert.DoesNotContain(stored, e => e.Kind == CustomerEventKind.ContactRevoked && e.RefId == "done");
    }

    [Fact]
    public async Task The_ledger_survives_the_silo_its_grain_lived_on_and_reservations_still_count()
    {
        await using var cluster = await PolicyCluster.StartAsync(2, postgres: true, Limits(new ContactLimit("1 Kontakt", 1, 7)));
        // A customer grain lives on the silo of its first caller: silo 1, which then dies.
        var onSilo1 = await PolicyCluster.KnownCustomerAsync(cluster.GrainsOf(1), "c-survivor");
        Assert.True((await onSilo1.ReserveContact(Marketing("kept", ContactChannel.Letter))).Granted);
        await onSilo1.RecordOutcome(new ContactOutcomeReport("seen", ContactChannel.Letter, ContactOutcome.NoResponse, ContactId: "kept"));
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos[1]);

        var customer = cluster.Grains.GetGrain<ICustomerGrain>("c-survivor");
        var refused = await Eventually.ReturnsAsync(
            () => customer.ReserveContact(Marketing("next", ContactChannel.AppPush)), _ => true, TimeSpan.FromSeconds(30), "the customer grain answers again");
        Assert.Equal(ContactRefusal.LimitReached, refused.Refusal);
        Assert.True(await customer.ConfirmContact("kept"));
        Assert.True((await customer.GetConsents()).AdvertisingConsent);
        var stored = await cluster.StoredEventsAsync("c-survivor");
        Assert.Equal(CustomerEventKind.ContactConfirmed, stored[^1].Kind);
    }
}
