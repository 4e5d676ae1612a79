namespace Kasse.Campaigns;

/// <summary>
/// The contact policy as data (docs/campaigns.md), versioned by <see cref="IContactPolicyGrain"/>. A request is granted
/// only when, for every limit that matches it, the slots already reserved or confirmed in the window plus this one stay
/// within <see cref="ContactLimit.Max"/>; when no suppression and no quiet period applies; and when the consents allow it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.ContactPolicyDocument")]
public sealed record ContactPolicyDocument(
    [property: Id(0)] IReadOnlyList<ContactLimit> Limits,
    [property: Id(1)] IReadOnlyList<OutcomeSuppression> Suppressions,
    [property: Id(2)] IReadOnlyList<QuietPeriod> QuietPeriods,
    [property: Id(3)] int ReservationTtlMinutes = 60);

/// <summary>
/// At most <see cref="Max"/> contacts in the last <see cref="WindowDays"/> days, counting contacts of
/// <see cref="Purpose"/> (null: any purpose) on <see cref="Channels"/> (null or empty: every channel).
/// E.g. "2 marketing contacts in 7 days on outbound channels", "1 e-mail per 7 days".
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.ContactLimit")]
public sealed record ContactLimit(
    [property: Id(0)] string Name,
    [property: Id(1)] int Max,
    [property: Id(2)] int WindowDays,
    [property: Id(3)] ContactPurpose? Purpose = null,
    [property: Id(4)] IReadOnlyList<ContactChannel>? Channels = null);

/// <summary>
/// After <see cref="Count"/> outcomes of kind <see cref="Outcome"/> within <see cref="WithinDays"/> days (on
/// <see cref="Channels"/>, null: any), suppress for <see cref="SuppressDays"/> days from the last of them: the same
/// offer (<see cref="SuppressionScope.Offer"/>), the same campaign, or every marketing contact. E.g. "no offer again
/// for 30 days after a rejection", "hide a banner for 10 days after 3 impressions".
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.OutcomeSuppression")]
public sealed record OutcomeSuppression(
    [property: Id(0)] string Name,
    [property: Id(1)] ContactOutcome Outcome,
    [property: Id(2)] int Count,
    [property: Id(3)] int WithinDays,
    [property: Id(4)] int SuppressDays,
    [property: Id(5)] SuppressionScope Scope,
    [property: Id(6)] IReadOnlyList<ContactChannel>? Channels = null);

public enum SuppressionScope
{
    Offer = 0,
    Campaign = 1,
    AllMarketing = 2,
}

/// <summary>
/// No contact on <see cref="Channels"/> (null: every outbound channel) between the dates <see cref="From"/> and
/// <see cref="To"/> (inclusive), and/or daily between <see cref="DailyFrom"/> and <see cref="DailyTo"/> (Europe/Berlin;
/// a range over midnight is allowed, e.g. 20:00–08:00 for phone calls).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.QuietPeriod")]
public sealed record QuietPeriod(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<ContactChannel>? Channels = null,
    [property: Id(2)] DateOnly? From = null,
    [property: Id(3)] DateOnly? To = null,
    [property: Id(4)] TimeOnly? DailyFrom = null,
    [property: Id(5)] TimeOnly? DailyTo = null);

/// <summary>A published version of the policy.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.ContactPolicyVersion")]
public sealed record ContactPolicyVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] ContactPolicyDocument Document,
    [property: Id(2)] DateTimeOffset PublishedAt,
    [property: Id(3)] string PublishedBy);

/// <summary>The contact policy (key 0): versions are stored append-only; the newest published one is active.</summary>
[Alias("Kasse.Campaigns.IContactPolicyGrain")]
public interface IContactPolicyGrain : IGrainWithIntegerKey
{
    [Alias("GetActive")]
    Task<ContactPolicyVersion> GetActive();

    /// <summary>Validates and publishes a new version (throws <c>CONTACT_POLICY_INVALID</c> with the reasons).</summary>
    [Alias("Publish")]
    Task<ContactPolicyVersion> Publish(ContactPolicyDocument document, string by);

    [Alias("ListVersions")]
    Task<IReadOnlyList<ContactPolicyVersion>> ListVersions();
}
