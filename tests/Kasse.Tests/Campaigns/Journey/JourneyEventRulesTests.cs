using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Grains.Campaigns.Journey;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>The shape of a journey event: what is refused (and so never stored), and how an accepted one is normalised.</summary>
public sealed class JourneyEventRulesTests
{
    private static JourneyEventInput Valid => new("e-1", JourneyEventKind.TariffViewed, "Krankengeld", "/tarife/krankengeld", "portal");

    public static TheoryData<string, JourneyEventInput> Refused => new()
    {
        { "no event id", Valid with { EventId = "" } },
        { "event id with a space", Valid with { EventId = "e 1" } },
        { "event id too long", Valid with { EventId = new string('a', 65) } },
        { "unknown kind", Valid with { Kind = (JourneyEventKind)42 } },
        { "tariff step without tariff", Valid with { Tariff = " " } },
        { "tariff with markup", Valid with { Tariff = "<b>Krankengeld</b>" } },
        { "page with query", Valid with { Page = "/tarife?x=1" } },
        { "page with fragment", Valid with { Page = "/tarife#oben" } },
        { "page not a path", Valid with { Page = "https://example.org/tarife" } },
        { "page with a KVNR", Valid with { Page = "/versicherte/A123456780" } },
        { "page with a long number", Valid with { Page = "/vorgang/20261207" } },
        { "page too long", Valid with { Page = "/" + new string('a', 200) } },
        { "unknown channel", Valid with { Channel = "fax" } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_event_of_the_wrong_shape_is_refused(string why, JourneyEventInput input)
    {
        var refused = Assert.Throws<CampaignException>(() => JourneyEventRules.Validate(input));
        Assert.True(refused.Code == CampaignErrors.JourneyInvalid, why);
    }

    [Fact]
    public void An_accepted_event_is_normalised()
    {
        var input = new JourneyEventInput("e-1", JourneyEventKind.PageView, "", "", " APP ");

        Assert.Equal(new JourneyEventInput("e-1", JourneyEventKind.PageView, null, null, "app"), JourneyEventRules.Validate(input));
        Assert.Equal(Valid, JourneyEventRules.Validate(Valid));
    }

    [Theory]
    [InlineData("TariffViewed", JourneyEventKind.TariffViewed)]
    [InlineData("applicationcompleted", JourneyEventKind.ApplicationCompleted)]
    public void Kinds_are_read_by_name(string name, JourneyEventKind kind) => Assert.Equal(kind, JourneyEventKinds.Parse(name));

    [Theory]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Purchase")]
    public void A_kind_that_is_no_name_is_refused(string? name) =>
        Assert.Equal(CampaignErrors.JourneyInvalid, Assert.Throws<CampaignException>(() => JourneyEventKinds.Parse(name)).Code);
}
