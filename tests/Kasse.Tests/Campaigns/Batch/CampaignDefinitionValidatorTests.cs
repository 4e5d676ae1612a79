using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Batch;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>A definition is stored only when every rule compiles and channels, variants and numbers make sense.</summary>
public sealed class CampaignDefinitionValidatorTests
{
    [Fact]
    public void A_good_definition_has_no_problems()
    {
        Assert.Empty(CampaignDefinitionValidator.Validate(CampaignSamples.Magazine()));
    }

    [Fact]
    public void A_rule_that_does_not_compile_is_reported_with_its_group()
    {
        var broken = CampaignSamples.Magazine() with
        {
            TargetGroups = [CampaignSamples.Magazine().TargetGroups[0] with { Name = "kaputt", Rule = "input.Alter > 18" }],
        };

        var problem = Assert.Single(CampaignDefinitionValidator.Validate(broken));
        Assert.Contains("Zielgruppe kaputt", problem, StringComparison.Ordinal);
        Assert.Contains("Alter", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Channels_variants_percentages_and_schedules_are_checked()
    {
        var group = new TargetGroup("g", "input.Age > 18", [ContactChannel.Banner, ContactChannel.Email, ContactChannel.Letter], false,
            [CampaignSamples.Variant("x", ContactChannel.Letter, weight: 0)]);
        var definition = CampaignSamples.Magazine(controlPercent: 80, schedule: new CampaignSchedule(CampaignScheduleKind.Triggered)) with
        {
            TargetGroups = [group],
            DailyLimits = new Dictionary<ContactChannel, int> { [ContactChannel.Email] = -1 },
        };

        var problems = CampaignDefinitionValidator.Validate(definition);

        Assert.Contains(problems, p => p.Contains("ControlGroupPercent", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("DailyLimits.Email", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("TriggerEvent", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Banner ist kein Kampagnenkanal", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Gewicht", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("keine Inhaltsvariante für den Kanal Email", StringComparison.Ordinal));
        Assert.True(CampaignDefinitionValidator.IsValidId("mitglieder-magazin-2026"));
        Assert.False(CampaignDefinitionValidator.IsValidId("Magazin 2026"));
    }
}
