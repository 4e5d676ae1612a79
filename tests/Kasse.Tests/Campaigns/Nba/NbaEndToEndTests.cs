using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>
/// The engine with the real customer grain (facts from the master data, the contact policy, the ledger). Needs
/// h13-policy's ReserveContact/ConfirmContact/RecordOutcome/GetFacts: fails on the h13-nba branch alone (placeholders).
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class NbaEndToEndTests(EmbeddedHostFixture fixture)
{
    private IGrainFactory Grains => fixture.Host.Services.GetRequiredService<IGrainFactory>();

    private async Task<string> NewCustomerAsync(bool advertisingConsent = true)
    {
        var pseudonyms = fixture.Host.Services.GetRequiredService<CustomerPseudonyms>();
        var kvnr = $"E{Random.Shared.Next(100_000_000, 999_999_999)}";
        var key = pseudonyms.KeyOf(kvnr);
        await fixture.Host.Services.GetRequiredService<ICustomerMasterStore>().UpsertAsync(
        [
            new CustomerMasterRecord(key, kvnr, "Erika", "Muster", new DateOnly(1990, 4, 1), "Weg 1", "20095", "Hamburg", "+49 40 123456",
                "erika@example.org", PreferredChannel.App, advertisingConsent, false, null),
        ], Guid.NewGuid());
        return key;
    }

    private Task<NbaDecision> BannerAsync(string key) =>
        Grains.GetGrain<INbaGrain>(0).Decide(new NbaRequest(Guid.NewGuid(), key, ContactChannel.Banner, ContactSource.Banner, "portal", 1));

    [Fact]
    public async Task A_banner_is_reserved_in_the_customer_ledger_and_confirmed_when_shown()
    {
        var key = await NewCustomerAsync();
        var decision = await BannerAsync(key);
        var offer = Assert.Single(decision.Offers);
        var customer = Grains.GetGrain<ICustomerGrain>(key);
        var reserved = Assert.Single((await customer.GetContactView()).Contacts, c => c.ContactId == offer.ContactId);
        Assert.Equal((ContactSource.Banner, ContactChannel.Banner, offer.OfferId, ContactStatus.Reserved),
            (reserved.Source, reserved.Channel, reserved.OfferId, reserved.Status));

        await Grains.GetGrain<INbaGrain>(0).ReportOutcome(key, new NbaOutcome("shown", decision.DecisionId, offer.OfferId, ContactOutcome.Impression));
        Assert.Equal(ContactStatus.Confirmed, Assert.Single((await customer.GetContactView()).Contacts, c => c.ContactId == offer.ContactId).Status);
    }

    [Fact]
    public async Task An_offer_shown_three_times_is_hidden_and_the_engine_moves_on_to_the_next()
    {
        var key = await NewCustomerAsync();
        var shown = new Dictionary<string, int>();
        for (var i = 0; i < 20; i++)
        {
            var decision = await BannerAsync(key);
            if (decision.Offers.Count == 0)
                break;
            var offer = decision.Offers[0];
            shown[offer.OfferId] = shown.GetValueOrDefault(offer.OfferId) + 1;
            await Grains.GetGrain<INbaGrain>(0).ReportOutcome(key, new NbaOutcome($"shown-{i}", decision.DecisionId, offer.OfferId, ContactOutcome.Impression));
        }
        Assert.All(shown.Values, count => Assert.InRange(count, 1, 3));
        Assert.True(shown.Count >= 2, "the engine went on to other offers");
    }

    [Fact]
    public async Task Without_advertising_consent_or_after_an_objection_no_marketing_offer_is_made()
    {
        var noConsent = await NewCustomerAsync(advertisingConsent: false);
        Assert.Empty((await BannerAsync(noConsent)).Offers);

        var objecting = await NewCustomerAsync();
        await Grains.GetGrain<ICustomerGrain>(objecting).ChangeConsents(new ConsentChange("objection-1", ConsentChangeKind.ObjectionDeclared, objecting, "portal"));
        Assert.Empty((await BannerAsync(objecting)).Offers);
    }
}
