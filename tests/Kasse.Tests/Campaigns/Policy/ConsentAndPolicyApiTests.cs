using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Audit;
using Kasse.Grains.Campaigns.Policy;
using Kasse.Tests.Http;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary>Consents and objections over HTTP and SignalR (the insured's own, agents' audited), and the admin policy API.</summary>
[Collection(PolicyHostCollection.Name)]
public sealed class ConsentAndPolicyApiTests(EmbeddedHostFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private KasseTestHost Host => fixture.Host;

    private async Task<HttpClient> ClientAsync(string userId) => Host.CreateClient(await Host.SignInAsync(userId));

    private string KeyOf(string kvnr) => Host.Services.GetRequiredService<CustomerPseudonyms>().KeyOf(kvnr);

    [Fact]
    public async Task The_insured_objects_over_http_idempotently_and_their_open_reservations_are_revoked()
    {
        const string kvnr = "T012345678";
        using var insured = await ClientAsync(kvnr);
        var customer = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(KeyOf(kvnr));
        var open = await customer.ReserveContact(new ContactRequest(Guid.NewGuid().ToString("N"), ContactSource.CampaignBatch, ContactPurpose.Information, ContactChannel.Letter));
        Assert.True(open.Granted, open.ToString());

        var before = await insured.GetFromJsonAsync<CustomerConsents>("/api/customer/consents", Json);
        Assert.False(before!.ObjectedToTargeting);
        var changeId = Guid.NewGuid().ToString();
        foreach (var _ in new[] { 1, 2 })
        {
            using var response = await insured.PostAsJsonAsync("/api/customer/objection", new { changeId }, Json);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var consents = await response.Content.ReadFromJsonAsync<CustomerConsents>(Json);
            Assert.Equal((true, KeyOf(kvnr)), (consents!.ObjectedToTargeting, consents.ChangedBy));
        }
        Assert.False(await customer.ConfirmContact(open.ContactId));
        Assert.Equal(ContactRefusal.Objection, (await customer.ReserveContact(new ContactRequest("later", ContactSource.Banner, ContactPurpose.Information, ContactChannel.Banner))).Refusal);

        using var missing = await insured.PostAsJsonAsync("/api/customer/consents", new { kind = "AdvertisingConsentGiven" }, Json);
        await ProblemAssert.NamesFieldAsync(missing, "changeId");
        using var agent = await ClientAsync("agent-mueller");
        using var forbidden = await agent.GetAsync(new Uri("/api/customer/consents", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task An_agent_reads_and_changes_consents_over_http_and_every_access_is_audited()
    {
        const string kvnr = "Z987654321";
        await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(KeyOf(kvnr))
            .UpsertProfile(new CustomerProfile(kvnr, "Zoe", "Zander", new DateOnly(1979, 2, 3), "zoe@example.org", PreferredChannel.Email));
        using var agent = await ClientAsync("agent-kaya");
        var view = await agent.GetFromJsonAsync<CustomerContactView>($"/api/agent/customers/{kvnr}/consents", Json);
        Assert.NotNull(view);
        using var changed = await agent.PostAsJsonAsync($"/api/agent/customers/{kvnr}/consents",
            new { changeId = Guid.NewGuid().ToString(), kind = "PreferredChannelChanged", preferredChannel = "Post" }, Json);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var consents = await changed.Content.ReadFromJsonAsync<CustomerConsents>(Json);
        Assert.Equal((PreferredChannel.Post, "agent-kaya"), (consents!.PreferredChannel, consents.ChangedBy));

        var audit = await Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("customer", KeyOf(kvnr), 100);
        Assert.Contains(audit, a => a is { ActorId: "agent-kaya", Action: ConsentDeskGrain.ReadAction, InsuredId: kvnr });
        Assert.Contains(audit, a => a is { ActorId: "agent-kaya", Action: $"{ConsentDeskGrain.ChangeAction}.PreferredChannelChanged" });

        using var badKvnr = await agent.GetAsync(new Uri("/api/agent/customers/nope/consents", UriKind.Relative));
        await ProblemAssert.NamesFieldAsync(badKvnr, "kvnr");
        using var insured = await ClientAsync(kvnr);
        using var forbidden = await insured.GetAsync(new Uri($"/api/agent/customers/{kvnr}/consents", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Admins_publish_policy_versions_over_http_invalid_ones_are_refused_with_their_reasons()
    {
        using var admin = await ClientAsync("admin");
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/admin/contact-policy", Json);
        var activeBefore = before.GetProperty("active").GetProperty("version").GetInt32();

        using var invalid = await admin.PutAsync(new Uri("/api/admin/contact-policy", UriKind.Relative), JsonContent("""
            {"limits":[{"name":"","max":1,"windowDays":0}],"suppressions":[],"quietPeriods":[]}
            """));
        var problem = await ProblemAssert.HasCodeAsync(invalid, HttpStatusCode.UnprocessableEntity, CampaignErrors.PolicyInvalid);
        Assert.Contains("limits[0].windowDays", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        const string document = """
            {"limits":[{"name":"E-Mail: 1 in 7 Tagen","max":1,"windowDays":7,"channels":["Email"]}],"suppressions":[],
             "quietPeriods":[{"name":"Nachts","channels":["Phone"],"dailyFrom":"20:00:00","dailyTo":"08:00:00"}],"reservationTtlMinutes":30}
            """;
        using var published = await admin.PutAsync(new Uri("/api/admin/contact-policy", UriKind.Relative), JsonContent(document));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var version = (await published.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("version").GetInt32();
        Assert.Equal(activeBefore + 1, version);
        using var again = await admin.PutAsync(new Uri("/api/admin/contact-policy", UriKind.Relative), JsonContent(document));
        Assert.Equal(version, (await again.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("version").GetInt32());
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/admin/contact-policy", Json);
        Assert.Equal(version, after.GetProperty("versions")[0].GetProperty("version").GetInt32());
        Assert.Equal("admin", after.GetProperty("active").GetProperty("publishedBy").GetString());

        using var agent = await ClientAsync("agent-mueller");
        using var forbidden = await agent.PutAsync(new Uri("/api/admin/contact-policy", UriKind.Relative), JsonContent(document));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task An_agent_asking_for_a_person_nobody_knows_gets_404_customer_unknown_and_nothing_is_audited()
    {
        const string unknown = "Y246813573";
        using var agent = await ClientAsync("agent-kaya");

        using var response = await agent.GetAsync(new Uri($"/api/agent/customers/{unknown}/consents", UriKind.Relative));

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.NotFound, CampaignErrors.CustomerUnknown);
        Assert.Empty(await Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("customer", KeyOf(unknown), 10));
    }

    [Fact]
    public async Task Consents_over_signalr_for_the_insured_and_audited_for_agents()
    {
        const string kvnr = "A123456780";
        await using var insured = Host.CreateHubConnection(CustomerHub.Path, await Host.SignInAsync(kvnr));
        await insured.StartAsync();
        var given = await insured.InvokeAsync<CustomerConsents>("ChangeConsents",
            new { changeId = Guid.NewGuid().ToString(), kind = "AdvertisingConsentGiven", source = "app" });
        Assert.True(given.AdvertisingConsent);
        Assert.True((await insured.InvokeAsync<CustomerConsents>("GetConsents")).AdvertisingConsent);
        var error = await Assert.ThrowsAsync<HubException>(() => insured.InvokeAsync<CustomerConsents>("DeclareObjection", ""));
        Assert.Equal("INVALID_INPUT", error.Code());

        await using var agent = Host.CreateHubConnection(AgentHub.Path, await Host.SignInAsync("agent-schulz"));
        await agent.StartAsync();
        var view = await agent.InvokeAsync<CustomerContactView>("GetCustomerConsents", kvnr);
        Assert.True(view.Consents.AdvertisingConsent);
        var withdrawn = await agent.InvokeAsync<CustomerConsents>("ChangeCustomerConsents", kvnr,
            new { changeId = Guid.NewGuid().ToString(), kind = "AdvertisingConsentWithdrawn" });
        Assert.Equal((false, "agent-schulz"), (withdrawn.AdvertisingConsent, withdrawn.ChangedBy));
        var audit = await Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("customer", KeyOf(kvnr), 100);
        Assert.Contains(audit, a => a is { ActorId: "agent-schulz", Action: ConsentDeskGrain.ReadAction });
        Assert.Equal("INVALID_INPUT", (await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync<CustomerContactView>("GetCustomerConsents", "nope"))).Code());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
