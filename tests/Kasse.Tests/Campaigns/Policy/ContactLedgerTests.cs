using Kasse.Campaigns;
using static Kasse.Tests.Campaigns.Policy.PolicyRequests;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary>The customer grain's contact ledger on one in-memory silo: limits, expiry, release, idempotency, suppressions,
/// quiet periods, consents. The contact clock is moved by the test; nothing sleeps. The silo is shared by the tests of
/// this class (each with its policy, clock and customers).</summary>
public sealed class ContactLedgerTests(LedgerClusterFixture ledger) : IClassFixture<LedgerClusterFixture>
{
    private static readonly ContactLimit TwoMarketing = new("2 Werbekontakte in 7 Tagen", 2, 7, ContactPurpose.Marketing);

    [Fact]
    public async Task A_limit_grants_exactly_max_and_refuses_the_rest_with_its_name()
    {
        var cluster = ledger.Use(Limits(TwoMarketing));
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-limit");
        var decisions = new List<ContactDecision>();
        for (var i = 0; i < 4; i++)
            decisions.Add(await customer.ReserveContact(Marketing($"k{i}", ContactChannel.Letter)));
        Assert.Equal([true, true, false, false], decisions.Select(d => d.Granted));
        Assert.Equal(ContactRefusal.LimitReached, decisions[2].Refusal);
        Assert.Equal(TwoMarketing.Name, decisions[2].PolicyRule);
        Assert.NotNull(decisions[0].ExpiresAt);
    }

    [Fact]
    public async Task Reserving_again_with_the_same_id_returns_the_first_decision_and_reserves_nothing_more()
    {
        var cluster = ledger.Use(Limits(TwoMarketing));
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-idem");
        var first = await customer.ReserveContact(Marketing("same", ContactChannel.Letter));
        var again = await customer.ReserveContact(Marketing("same", ContactChannel.Letter));
        Assert.Equal(first, again);
        Assert.True((await customer.ReserveContact(Marketing("other", ContactChannel.Letter))).Granted);
        Assert.Single((await customer.GetContactView()).Contacts, c => c.ContactId == "same");
        Assert.True(await customer.ConfirmContact("same"));
        Assert.True(await customer.ConfirmContact("same"));
    }

    [Fact]
    public async Task An_expired_reservation_stops_counting_and_can_no_longer_be_confirmed()
    {
        var cluster = ledger.Use(Limits(new ContactLimit("1 Brief", 1, 7, null, [ContactChannel.Letter])));
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-expiry");
        Assert.True((await customer.ReserveContact(Marketing("first", ContactChannel.Letter, ttl: TimeSpan.FromMinutes(10)))).Granted);
        Assert.Equal(ContactRefusal.LimitReached, (await customer.ReserveContact(Marketing("second", ContactChannel.Letter))).Refusal);

        cluster.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False(await customer.ConfirmContact("first"));
        Assert.True((await customer.ReserveContact(Marketing("third", ContactChannel.Letter))).Granted);
        var view = await customer.GetContactView();
        Assert.Equal(ContactStatus.Expired, view.Contacts.Single(c => c.ContactId == "first").Status);
    }

    [Fact]
    public async Task A_released_slot_is_free_again_and_a_confirmed_one_is_not_released()
    {
        var cluster = ledger.Use(Limits(new ContactLimit("1 Kontakt", 1, 7)));
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-release");
        Assert.True((await customer.ReserveContact(Marketing("a", ContactChannel.AppPush))).Granted);
        await customer.ReleaseContact("a");
        await customer.ReleaseContact("unknown");
        Assert.False(await customer.ConfirmContact("a"));
        Assert.True((await customer.ReserveContact(Marketing("b", ContactChannel.AppPush))).Granted);
        Assert.True(await customer.ConfirmContact("b"));
        await customer.ReleaseContact("b");
        Assert.False((await customer.ReserveContact(Marketing("c", ContactChannel.AppPush))).Granted);
        Assert.Equal(ContactStatus.Confirmed, (await customer.GetContactView()).Contacts.Single(c => c.ContactId == "b").Status);
    }

    [Fact]
    public async Task The_window_slides_a_confirmed_contact_counts_for_its_days_only()
    {
        var cluster = ledger.Use(Limits(new ContactLimit("1 in 7 Tagen", 1, 7)));
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-window");
        Assert.True((await customer.ReserveContact(Marketing("a", ContactChannel.Letter))).Granted);
        Assert.True(await customer.ConfirmContact("a"));
        cluster.Clock.Advance(TimeSpan.FromDays(6));
        Assert.False((await customer.ReserveContact(Marketing("b", ContactChannel.Letter))).Granted);
        cluster.Clock.Advance(TimeSpan.FromDays(1.01));
        Assert.True((await customer.ReserveContact(Marketing("c", ContactChannel.Letter))).Granted);
    }

    [Fact]
    public async Task A_rejection_suppresses_that_offer_for_30_days_and_three_impressions_hide_its_banner()
    {
        var cluster = ledger.Use(new ContactPolicyDocument([], Grains.Campaigns.Policy.DefaultContactPolicy.Document.Suppressions, []));
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-suppress");
        Assert.True((await customer.ReserveContact(Marketing("call-1", ContactChannel.AgentDesktop, ContactSource.AgentSuggestion, offer: "zahn"))).Granted);
        await customer.RecordOutcome(new ContactOutcomeReport("o-1", ContactChannel.AgentDesktop, ContactOutcome.Reject, ContactId: "call-1"));
        await customer.RecordOutcome(new ContactOutcomeReport("o-1", ContactChannel.AgentDesktop, ContactOutcome.Reject, ContactId: "call-1"));

        var refused = await customer.ReserveContact(Marketing("call-2", ContactChannel.Letter, offer: "zahn"));
        Assert.Equal(ContactRefusal.Suppressed, refused.Refusal);
        Assert.True((await customer.ReserveContact(Marketing("call-3", ContactChannel.Letter, offer: "krankengeld"))).Granted);
        Assert.Contains((await customer.GetContactView()).Suppressions, s => s.OfferId == "zahn");

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await customer.ReserveContact(Marketing($"banner-{i}", ContactChannel.Banner, ContactSource.Banner, offer: "bonus"))).Granted);
            await customer.RecordOutcome(new ContactOutcomeReport($"imp-{i}", ContactChannel.Banner, ContactOutcome.Impression, OfferId: "bonus"));
        }
        Assert.Equal(ContactRefusal.Suppressed, (await customer.ReserveContact(Marketing("banner-3", ContactChannel.Banner, ContactSource.Banner, offer: "bonus"))).Refusal);
        Assert.True((await customer.ReserveContact(Marketing("letter-bonus", ContactChannel.Letter, offer: "bonus"))).Granted);

        cluster.Clock.Advance(TimeSpan.FromDays(10.01));
        Assert.True((await customer.ReserveContact(Marketing("banner-4", ContactChannel.Banner, ContactSource.Banner, offer: "bonus"))).Granted);
        Assert.False((await customer.ReserveContact(Marketing("call-4", ContactChannel.Letter, offer: "zahn"))).Granted);
        cluster.Clock.Advance(TimeSpan.FromDays(20));
        Assert.True((await customer.ReserveContact(Marketing("call-5", ContactChannel.Letter, offer: "zahn"))).Granted);
    }

    [Fact]
    public async Task A_quiet_period_refuses_its_channels_in_berlin_time_only()
    {
        var evening = new DateTimeOffset(2026, 12, 8, 21, 30, 0, TimeSpan.FromHours(1));
        var policy = new ContactPolicyDocument([], [], [new QuietPeriod("Abendruhe", [ContactChannel.Letter], DailyFrom: new TimeOnly(20, 0), DailyTo: new TimeOnly(8, 0))]);
        var cluster = ledger.Use(policy, evening);
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-quiet");
        var refused = await customer.ReserveContact(Marketing("late", ContactChannel.Letter));
        Assert.Equal((ContactRefusal.QuietPeriod, "Abendruhe"), (refused.Refusal, refused.PolicyRule));
        Assert.True((await customer.ReserveContact(Marketing("app", ContactChannel.AppPush))).Granted);
        cluster.Clock.Set(evening.AddHours(12));
        Assert.True((await customer.ReserveContact(Marketing("morning", ContactChannel.Letter))).Granted);
    }

    [Fact]
    public async Task Information_ignores_advertising_consent_but_not_the_limits_that_match_it()
    {
        var policy = Limits(new ContactLimit("1 Kontakt je Tag", 1, 1), TwoMarketing);
        var cluster = ledger.Use(policy);
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-info", advertisingConsent: false);
        Assert.Equal(ContactRefusal.NoAdvertisingConsent, (await customer.ReserveContact(Marketing("m", ContactChannel.Letter))).Refusal);
        Assert.True((await customer.ReserveContact(Information("magazin-1", ContactChannel.Letter))).Granted);
        Assert.Equal(ContactRefusal.LimitReached, (await customer.ReserveContact(Information("magazin-2", ContactChannel.Letter))).Refusal);
    }

    [Fact]
    public async Task Unknown_people_and_unreachable_channels_are_refused()
    {
        var cluster = ledger.Use(Limits());
        var stranger = cluster.Grains.GetGrain<Kasse.Customers.ICustomerGrain>("c-nobody");
        Assert.Equal(ContactRefusal.UnknownCustomer, (await stranger.ReserveContact(Marketing("x", ContactChannel.Letter))).Refusal);
        Assert.Null(await stranger.GetFacts());
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-nophone");
        Assert.Equal(ContactRefusal.ChannelNotAllowed, (await customer.ReserveContact(Marketing("p", ContactChannel.Phone))).Refusal);
        Assert.True((await customer.ReserveContact(Marketing("e", ContactChannel.Email))).Granted);
    }

    [Fact]
    public async Task Withdrawn_advertising_consent_revokes_open_marketing_reservations_and_facts_follow_the_consents()
    {
        var cluster = ledger.Use(Limits());
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-withdraw");
        Assert.True((await customer.ReserveContact(Marketing("m", ContactChannel.Letter))).Granted);
        Assert.True((await customer.ReserveContact(Information("i", ContactChannel.Letter))).Granted);
        Assert.True((await cluster.Grains.GetGrain<Kasse.Customers.ICustomerGrain>("c-withdraw").GetFacts())!.AdvertisingConsent);

        var consents = await customer.ChangeConsents(new ConsentChange("w1", ConsentChangeKind.AdvertisingConsentWithdrawn, "agent-7", "agent"));
        Assert.False(consents.AdvertisingConsent);
        Assert.Equal("agent-7", consents.ChangedBy);
        Assert.False(await customer.ConfirmContact("m"));
        Assert.True(await customer.ConfirmContact("i"));
        Assert.Equal(ContactStatus.Revoked, (await customer.GetContactView()).Contacts.Single(c => c.ContactId == "m").Status);

        await customer.ChangeConsents(new ConsentChange("p1", ConsentChangeKind.PreferredChannelChanged, "agent-7", "agent", Kasse.Customers.PreferredChannel.App));
        var facts = await customer.GetFacts();
        Assert.NotNull(facts);
        Assert.Equal(("APP", false, 1), (facts.PreferredChannel, facts.AdvertisingConsent, facts.ContactsLast30Days));
    }

    [Fact]
    public async Task The_ledger_in_memory_stays_within_the_policy_horizon()
    {
        var cluster = ledger.Use(Limits(new ContactLimit("1 je Tag", 1, 1)));
        var customer = await PolicyCluster.KnownCustomerAsync(cluster.Grains, "c-bounded");
        for (var day = 0; day < 120; day++)
        {
            Assert.True((await customer.ReserveContact(Marketing($"d{day}", ContactChannel.Letter))).Granted);
            Assert.True(await customer.ConfirmContact($"d{day}"));
            await customer.RecordOutcome(new ContactOutcomeReport($"o{day}", ContactChannel.Letter, ContactOutcome.NoResponse, ContactId: $"d{day}"));
            cluster.Clock.Advance(TimeSpan.FromDays(1));
        }
        var view = await customer.GetContactView();
        // The horizon is 30 days (the facts' window): what lies further back is in customer_events only.
        Assert.InRange(view.Contacts.Count, 30, 31);
    }
}
