using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Customers;
using Kasse.Tests.Http;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>The journey over HTTP (app, admin) and the customer hub (portal) on the embedded host.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class JourneyApiTests(EmbeddedHostFixture fixture)
{
    private const string Insured = "A123456780";

    private KasseTestHost Host => fixture.Host;

    private static string UniqueTariff() => "Test-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_app_posts_an_event_once_a_retry_is_a_duplicate_and_the_portal_hub_continues_the_seq()
    {
        using var http = Host.CreateClient(await Host.SignInAsync(Insured));
        var tariff = UniqueTariff();
        var body = new { eventId = Guid.NewGuid().ToString(), kind = "TariffViewed", tariff, page = "/tarife/krankengeld", channel = "app" };

        using var first = await http.PostAsJsonAsync("/api/customer/journey", body);
        using var again = await http.PostAsJsonAsync("/api/customer/journey", body);
        var firstResult = await first.Content.ReadFromJsonAsync<JourneyTrackResult>();
        var againResult = await again.Content.ReadFromJsonAsync<JourneyTrackResult>();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(firstResult!.Duplicate);
        Assert.Equal(new JourneyTrackResult(firstResult.Seq, Duplicate: true), againResult);

        await using var hub = Host.CreateHubConnection("/hubs/customer", await Host.SignInAsync(Insured));
        await hub.StartAsync();
        var fromPortal = await hub.InvokeAsync<JourneyTrackResult>("TrackJourney", Guid.NewGuid().ToString(), "TariffSelected", tariff, "/tarife", null);
        Assert.True(fromPortal.Seq > firstResult.Seq);

        // The caller's own customer grain learned the tariff (the key comes from the token, never from the client).
        var key = Host.Services.GetRequiredService<CustomerPseudonyms>().KeyOf(Insured);
        var context = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerJourneyGrain>(key);
        await Eventually.ReturnsAsync(context.GetJourneyContext, c => c.AppliedSeq >= fromPortal.Seq, TimeSpan.FromSeconds(10), "portal event applied");
        Assert.Equal(tariff, (await context.GetJourneyContext()).LastTariffViewed);
    }

    [Fact]
    public async Task An_invalid_event_is_refused_with_its_code_over_http_and_the_hub()
    {
        using var http = Host.CreateClient(await Host.SignInAsync(Insured));
        using var withQuery = await http.PostAsJsonAsync("/api/customer/journey",
            new { eventId = "e-1", kind = "PageView", page = "/tarife?kvnr=A123456780", channel = "app" });
        using var unknownKind = await http.PostAsJsonAsync("/api/customer/journey",
            new { eventId = "e-2", kind = "Purchase", tariff = "Krankengeld", channel = "app" });
        await ProblemAssert.HasCodeAsync(withQuery, HttpStatusCode.BadRequest, CampaignErrors.JourneyInvalid);
        await ProblemAssert.HasCodeAsync(unknownKind, HttpStatusCode.BadRequest, CampaignErrors.JourneyInvalid);

        await using var hub = Host.CreateHubConnection("/hubs/customer", await Host.SignInAsync(Insured));
        await hub.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<JourneyTrackResult>("TrackJourney", "e-3", "TariffViewed", null, "/tarife", "portal"));
        Assert.Equal(CampaignErrors.JourneyInvalid, refused.Code());
    }

    [Fact]
    public async Task Only_admins_read_funnels_and_a_funnel_counts_the_steps_of_today()
    {
        var tariff = UniqueTariff();
        using var insured = Host.CreateClient(await Host.SignInAsync(Insured));
        foreach (var kind in new[] { "TariffViewed", "TariffSelected", "ApplicationStarted" })
            (await insured.PostAsJsonAsync("/api/customer/journey", new { eventId = Guid.NewGuid().ToString(), kind, tariff, channel = "app" })).EnsureSuccessStatusCode();

        using var refused = await insured.GetAsync($"/api/admin/journey/funnels?tariff={tariff}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var admin = Host.CreateClient(await Host.SignInAsync("admin"));
        var funnels = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/journey/funnels?tariff={tariff}");
        var day = Assert.Single(funnels.EnumerateArray());
        Assert.Equal((tariff, 1, 1, 1, 0), (day.GetProperty("tariff").GetString(), day.GetProperty("viewed").GetInt32(),
            day.GetProperty("selected").GetInt32(), day.GetProperty("started").GetInt32(), day.GetProperty("completed").GetInt32()));

        var success = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/journey/campaigns/no-such-campaign/success?tariff={tariff}&days=7");
        Assert.Equal((0, 0), (success.GetProperty("contacted").GetInt32(), success.GetProperty("control").GetInt32()));
        using var badRange = await admin.GetAsync("/api/admin/journey/funnels?from=2026-12-10&to=2026-12-01");
        await ProblemAssert.HasCodeAsync(badRange, HttpStatusCode.BadRequest, CampaignErrors.JourneyInvalid);
    }
}
