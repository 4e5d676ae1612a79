using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Grains.Campaigns.Batch;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Tests.Campaigns.Batch;
using Kasse.Tests.Http;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>
/// Campaign success in the embedded default (memory stores): a real run through the customer grains, real journey
/// events, and the success endpoint shows the real figures — by default for the campaign's own tariff.
/// </summary>
public sealed class EmbeddedCampaignSuccessTests
{
    [Fact]
    public async Task The_embedded_default_counts_contacted_and_control_conversions_for_the_campaigns_own_tariff()
    {
        await using var host = await KasseTestHost.StartAsync(settings: new Dictionary<string, string> { ["Demo:Customers"] = "false" });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var customers = CampaignSamples.Population(40, "s", postalCode: "28199");
        await host.Services.GetRequiredService<ICustomerMasterStore>().UpsertAsync(customers, Guid.NewGuid());
        var campaign = grains.GetGrain<ICampaignGrain>("erfolg-kg");
        await campaign.Save(CampaignSamples.Magazine(postalCode: "28199", controlPercent: 30) with { Tariff = "Krankengeld" }, "admin");
        await campaign.Activate("admin");
        await Eventually.ReturnsAsync(campaign.GetView, v => v.Status == CampaignStatus.Completed, TimeSpan.FromSeconds(60), "the run to end");

        var rows = ((InMemoryCampaignContactStore)host.Services.GetRequiredService<ICampaignContactStore>()).All.Where(r => r.CampaignId == "erfolg-kg").ToList();
        var contacted = rows.Where(r => !r.Control).Select(r => r.CustomerKey).Order(StringComparer.Ordinal).ToList();
        var control = rows.Where(r => r.Control).Select(r => r.CustomerKey).Order(StringComparer.Ordinal).ToList();
        Assert.True(contacted.Count >= 3 && control.Count >= 2, $"{contacted.Count} contacted, {control.Count} control");
        // Three contacted and one control customer complete an application for the tariff; one more for another tariff.
        foreach (var key in contacted.Take(3).Append(control[0]))
            await CompleteAsync(grains, key, "Krankengeld");
        await CompleteAsync(grains, control[1], "Zahnzusatz");

        using var admin = host.CreateClient(await host.SignInAsync("admin"));
        var success = await admin.GetFromJsonAsync<JsonElement>("/api/admin/journey/campaigns/erfolg-kg/success?days=7");
        Assert.Equal("Krankengeld", success.GetProperty("tariff").GetString());
        Assert.Equal((contacted.Count, 3, control.Count, 1), (success.GetProperty("contacted").GetInt32(), success.GetProperty("contactedConverted").GetInt32(),
            success.GetProperty("control").GetInt32(), success.GetProperty("controlConverted").GetInt32()));
        var other = await admin.GetFromJsonAsync<JsonElement>("/api/admin/journey/campaigns/erfolg-kg/success?tariff=Zahnzusatz");
        Assert.Equal((0, 1), (other.GetProperty("contactedConverted").GetInt32(), other.GetProperty("controlConverted").GetInt32()));
        await ProblemAssert.HasCodeAsync(await admin.GetAsync("/api/admin/journey/campaigns/gibt-es-nicht/success"), HttpStatusCode.NotFound, CampaignErrors.CampaignNotFound);
    }

    [Fact]
    public async Task Without_a_tariff_the_success_uses_the_tariff_of_the_campaigns_offer_or_asks_for_one()
    {
        await using var host = await KasseTestHost.StartAsync(settings: new Dictionary<string, string> { ["Demo:Customers"] = "false" });
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<ICampaignGrain>("erfolg-angebot").Save(CampaignSamples.Magazine() with { OfferId = "krankengeld-wahltarif" }, "admin");
        await grains.GetGrain<ICampaignGrain>("erfolg-ohne").Save(CampaignSamples.Magazine(), "admin");
        using var admin = host.CreateClient(await host.SignInAsync("admin"));

        var byOffer = await admin.GetFromJsonAsync<JsonElement>("/api/admin/journey/campaigns/erfolg-angebot/success");
        Assert.Equal("Krankengeld", byOffer.GetProperty("tariff").GetString());
        await ProblemAssert.HasCodeAsync(await admin.GetAsync("/api/admin/journey/campaigns/erfolg-ohne/success"), HttpStatusCode.BadRequest, CampaignErrors.JourneyInvalid);
    }

    private static Task<JourneyTrackResult> CompleteAsync(IGrainFactory grains, string customerKey, string tariff) =>
        grains.GetGrain<IJourneyGrain>(customerKey).Track(new JourneyEventInput(Guid.NewGuid().ToString("N"), JourneyEventKind.ApplicationCompleted, tariff, "/antrag", "portal"));
}
