namespace Kasse.Campaigns;

/// <summary>
/// One campaign for several target groups over several channels with content variants (no copy per channel). A
/// customer belongs to the first target group whose rule holds. <see cref="ControlGroupPercent"/> of the targeted
/// customers (chosen by a stable hash of campaign and customer) are recorded but not contacted, to measure success.
/// <see cref="DailyLimits"/> caps contacts per channel per day (Europe/Berlin); a missing channel has no cap.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.CampaignDefinition")]
public sealed record CampaignDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] ContactPurpose Purpose,
    [property: Id(3)] IReadOnlyList<TargetGroup> TargetGroups,
    [property: Id(4)] int ControlGroupPercent,
    [property: Id(5)] IReadOnlyDictionary<ContactChannel, int> DailyLimits,
    [property: Id(6)] CampaignSchedule Schedule,
    [property: Id(7)] string? OfferId = null,
    [property: Id(8)] string? Tariff = null);

/// <summary>
/// A target group: a rule over <see cref="CustomerFacts"/> (rule set expression language, <c>input.…</c>), its
/// channels in order of preference, and its content variants. With <see cref="PreferCustomerChannel"/> the customer's
/// preferred channel goes first when it is in the list; a channel the customer cannot be reached on (no e-mail
/// address, no phone, no consent) is skipped.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.TargetGroup")]
public sealed record TargetGroup(
    [property: Id(0)] string Name,
    [property: Id(1)] string Rule,
    [property: Id(2)] IReadOnlyList<ContactChannel> Channels,
    [property: Id(3)] bool PreferCustomerChannel,
    [property: Id(4)] IReadOnlyList<ContentVariant> Variants);

/// <summary>A content variant, for one channel or (null) every channel; chosen by weight, stably per customer.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.ContentVariant")]
public sealed record ContentVariant(
    [property: Id(0)] string Id,
    [property: Id(1)] ContactChannel? Channel,
    [property: Id(2)] int Weight,
    [property: Id(3)] string Subject,
    [property: Id(4)] string Text);

public enum CampaignScheduleKind
{
    /// <summary>One batch run at <see cref="CampaignSchedule.StartAt"/> (or at once).</summary>
    OneOff = 0,

    /// <summary>A batch run every <see cref="CampaignSchedule.RepeatEveryDays"/> days from StartAt.</summary>
    Recurring = 1,

    /// <summary>No batch: a journey event of <see cref="CampaignSchedule.TriggerEvent"/> contacts that one customer.</summary>
    Triggered = 2,
}

[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.CampaignSchedule")]
public sealed record CampaignSchedule(
    [property: Id(0)] CampaignScheduleKind Kind,
    [property: Id(1)] DateTimeOffset? StartAt = null,
    [property: Id(2)] int? RepeatEveryDays = null,
    [property: Id(3)] JourneyEventKind? TriggerEvent = null,
    [property: Id(4)] string? TriggerTariff = null);
