using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Customers;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>
/// End to end with the other parts of issue 13 (fails on the h13-journey branch alone: the campaign grain and the
/// customer grain's contacts are built by h13-campaign and h13-policy, the demo master data by h13-dwh): a journey
/// event reaches a triggered campaign through the directory, and the campaign contacts that customer.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class JourneyTriggerEndToEndTests(EmbeddedHostFixture fixture)
{
    // From the demo master data (versicherte-1000.csv): preferred channel APP, advertising consent yes.
    private const string Kvnr = "J109824313";

    [Fact]
    public async Task A_tariff_viewed_event_contacts_the_customer_through_a_triggered_campaign()
    {
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        var key = fixture.Host.Services.GetRequiredService<CustomerPseudonyms>().KeyOf(Kvnr);
        var campaignId = "nachfass-" + Guid.NewGuid().ToString("N")[..8];
        var campaign = grains.GetGrain<ICampaignGrain>(campaignId);
        await campaign.Save(
            new CampaignDefinition(
                "Nachfass Krankengeld", "Wer den Krankengeld-Wahltarif ansieht, bekommt eine Push-Nachricht.", ContactPurpose.Information,
                [new TargetGroup("alle", "true", [ContactChannel.AppPush, ContactChannel.Email], false,
                    [new ContentVariant("a", null, 1, "Krankengeld", "Fragen zum Krankengeld-Wahltarif?")])],
                ControlGroupPercent: 0, new Dictionary<ContactChannel, int>(),
                new CampaignSchedule(CampaignScheduleKind.Triggered, TriggerEvent: JourneyEventKind.TariffViewed, TriggerTariff: "Krankengeld"),
                Tariff: "Krankengeld"),
            "admin");
        await campaign.Activate("admin");
        Assert.Contains(campaignId, await grains.GetGrain<ICampaignDirectoryGrain>(0).ListTriggered(JourneyEventKind.TariffViewed));

        // Each attempt views the tariff once more: the trigger consumer may hold the list of triggered campaigns from
        // before the activation for a few seconds (JourneyOptions.TriggeredCampaignsCacheTtl).
        var journey = grains.GetGrain<IJourneyGrain>(key);
        await Eventually.ReturnsAsync(
            async () =>
            {
                await journey.Track(new JourneyEventInput(Guid.NewGuid().ToString("N"), JourneyEventKind.TariffViewed, "Krankengeld", "/tarife/krankengeld", "app"));
                return await grains.GetGrain<ICustomerGrain>(key).GetContactView();
            },
            v => v.Contacts.Any(c => c.CampaignId == campaignId && c.Channel == ContactChannel.AppPush),
            TimeSpan.FromSeconds(20), "triggered contact");
    }
}
