using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Campaigns;
using Kasse.Grains.Campaigns.Batch;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>Which group, channel, variant and control-group membership a campaign gives a customer.</summary>
public sealed class CampaignTargetingTests
{
    private static CustomerFacts Facts(int number, PreferredChannel channel = PreferredChannel.Post, bool email = true, bool phone = true,
        bool consent = true, int birthYear = 1970, string postalCode = "10117") =>
        CustomerFactsBuilder.From(CampaignSamples.Customer(number, channel: channel, email: email, phone: phone, consent: consent,
            birthYear: birthYear, postalCode: postalCode), null, CampaignSamples.Today);

    private static CampaignDefinition TwoGroups(ContactPurpose purpose = ContactPurpose.Marketing, bool prefer = true) => new(
        "Krankengeld", "", purpose,
        [
            new TargetGroup("jung", "input.Age >= 18 && input.Age < 30", [ContactChannel.AppPush, ContactChannel.Email], prefer, [CampaignSamples.Variant("j")]),
            new TargetGroup("alle", "input.Age >= 18", [ContactChannel.Phone, ContactChannel.Sms, ContactChannel.Email, ContactChannel.Letter], prefer,
                [CampaignSamples.Variant("a")]),
        ],
        0, new Dictionary<ContactChannel, int>(), new CampaignSchedule(CampaignScheduleKind.OneOff));

    [Fact]
    public void The_first_group_whose_rule_holds_wins_and_nobody_outside_every_group_is_targeted()
    {
        var campaign = CompiledCampaign.Compile("kg", 1, TwoGroups());

        Assert.Equal(0, campaign.Plan(Facts(1, birthYear: 2000)).Group);
        Assert.Equal(1, campaign.Plan(Facts(2, birthYear: 1970)).Group);
        Assert.Equal(CustomerPlanKind.NotTargeted, campaign.Plan(Facts(3, birthYear: 2015)).Kind);
    }

    [Fact]
    public void Channels_follow_the_group_order_with_the_preferred_channel_first_and_skip_unreachable_ones()
    {
        var prefer = CompiledCampaign.Compile("kg", 1, TwoGroups());
        var groupOrder = CompiledCampaign.Compile("kg", 1, TwoGroups(prefer: false));

        Assert.Equal([ContactChannel.Letter, ContactChannel.Phone, ContactChannel.Sms, ContactChannel.Email],
            prefer.Plan(Facts(1, PreferredChannel.Post)).Channels);
        Assert.Equal([ContactChannel.Phone, ContactChannel.Sms, ContactChannel.Email, ContactChannel.Letter],
            groupOrder.Plan(Facts(1, PreferredChannel.Post)).Channels);
        Assert.Equal([ContactChannel.Email, ContactChannel.Letter], prefer.Plan(Facts(2, PreferredChannel.Telefon, phone: false)).Channels);
        Assert.Equal([ContactChannel.Phone, ContactChannel.Sms, ContactChannel.Letter], prefer.Plan(Facts(3, PreferredChannel.Email, email: false)).Channels);
        Assert.Equal([ContactChannel.AppPush], prefer.Plan(Facts(4, PreferredChannel.Email, email: false, birthYear: 2001)).Channels);
    }

    [Fact]
    public void Marketing_without_advertising_consent_is_refused_and_information_is_not()
    {
        var marketing = CompiledCampaign.Compile("kg", 1, TwoGroups(ContactPurpose.Marketing));
        var information = CompiledCampaign.Compile("kg", 1, TwoGroups(ContactPurpose.Information));

        var refused = marketing.Plan(Facts(1, consent: false));
        Assert.Equal((CustomerPlanKind.Refused, ContactRefusal.NoAdvertisingConsent), (refused.Kind, refused.Refusal));
        Assert.Equal(CustomerPlanKind.Contact, information.Plan(Facts(1, consent: false)).Kind);
    }

    [Fact]
    public void The_control_group_is_a_stable_share_of_the_targeted_and_never_gets_a_channel()
    {
        var campaign = CompiledCampaign.Compile("magazin", 1, CampaignSamples.Magazine(controlPercent: 10));
        var plans = Enumerable.Range(0, 10_000).Select(i => campaign.Plan(Facts(i))).ToList();

        var control = plans.Count(p => p.Kind == CustomerPlanKind.Control);
        Assert.InRange(control, 900, 1_100);
        Assert.All(plans.Where(p => p.Kind == CustomerPlanKind.Control), p => Assert.Empty(p.Channels));
        var again = CompiledCampaign.Compile("magazin", 2, CampaignSamples.Magazine(controlPercent: 10));
        Assert.Equal(plans.Select(p => p.Kind), Enumerable.Range(0, 10_000).Select(i => again.Plan(Facts(i)).Kind));
        var other = CompiledCampaign.Compile("anderes-magazin", 1, CampaignSamples.Magazine(controlPercent: 10));
        Assert.NotEqual(plans.Select(p => p.Kind), Enumerable.Range(0, 10_000).Select(i => other.Plan(Facts(i)).Kind));
    }

    [Fact]
    public void Variants_are_chosen_by_weight_per_channel_and_stably_per_customer()
    {
        var campaign = CompiledCampaign.Compile("magazin", 1, CampaignSamples.Magazine());
        var keys = Enumerable.Range(0, 8_000).Select(i => $"c{i:D7}").ToList();

        var email = keys.Select(k => campaign.VariantFor(0, ContactChannel.Email, k).Id).ToList();
        Assert.InRange(email.Count(v => v == "mail-a"), 5_700, 6_300);
        Assert.Equal(8_000, email.Count(v => v is "mail-a" or "mail-b"));
        Assert.All(keys, k => Assert.Equal("brief", campaign.VariantFor(0, ContactChannel.Letter, k).Id));
        Assert.All(keys, k => Assert.Equal("app", campaign.VariantFor(0, ContactChannel.AppPush, k).Id));
        Assert.Equal(email, keys.Select(k => campaign.VariantFor(0, ContactChannel.Email, k).Id));
    }
}
