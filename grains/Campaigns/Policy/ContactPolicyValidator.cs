using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>What a publishable contact policy must satisfy; every problem is named, so an admin can fix all at once.</summary>
public static class ContactPolicyValidator
{
    public const int MaxDays = 366;
    public const int MaxRules = 50;
    public const int MaxTtlMinutes = 7 * 24 * 60;

    public static IReadOnlyList<string> Problems(ContactPolicyDocument? document)
    {
        if (document is null)
            return ["the document is missing"];
        var problems = new List<string>();
        var limits = document.Limits ?? [];
        var suppressions = document.Suppressions ?? [];
        var quietPeriods = document.QuietPeriods ?? [];
        if (document.Limits is null || document.Suppressions is null || document.QuietPeriods is null)
            problems.Add("limits, suppressions and quietPeriods are required (an empty list is fine)");
        if (limits.Count + suppressions.Count + quietPeriods.Count > MaxRules)
            problems.Add($"at most {MaxRules} rules in all");
        if (document.ReservationTtlMinutes is < 1 or > MaxTtlMinutes)
            problems.Add($"reservationTtlMinutes must be 1 to {MaxTtlMinutes}");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < limits.Count; i++)
        {
            var limit = limits[i];
            var at = $"limits[{i}]";
            Name(problems, names, at, limit?.Name);
            if (limit is null)
                continue;
            if (limit.Max is < 0 or > 1000)
                problems.Add($"{at}.max must be 0 to 1000");
            Days(problems, $"{at}.windowDays", limit.WindowDays);
            if (limit.Purpose is { } purpose && !Enum.IsDefined(purpose))
                problems.Add($"{at}.purpose is unknown");
            Channels(problems, $"{at}.channels", limit.Channels);
        }
        for (var i = 0; i < suppressions.Count; i++)
        {
            var suppression = suppressions[i];
            var at = $"suppressions[{i}]";
            Name(problems, names, at, suppression?.Name);
            if (suppression is null)
                continue;
            if (!Enum.IsDefined(suppression.Outcome))
                problems.Add($"{at}.outcome is unknown");
            if (suppression.Count is < 1 or > 1000)
                problems.Add($"{at}.count must be 1 to 1000");
            Days(problems, $"{at}.withinDays", suppression.WithinDays);
            Days(problems, $"{at}.suppressDays", suppression.SuppressDays);
            if (!Enum.IsDefined(suppression.Scope))
                problems.Add($"{at}.scope is unknown");
            Channels(problems, $"{at}.channels", suppression.Channels);
        }
        for (var i = 0; i < quietPeriods.Count; i++)
        {
            var quiet = quietPeriods[i];
            var at = $"quietPeriods[{i}]";
            Name(problems, names, at, quiet?.Name);
            if (quiet is null)
                continue;
            Channels(problems, $"{at}.channels", quiet.Channels);
            if (quiet.From is null && quiet.To is null && quiet.DailyFrom is null && quiet.DailyTo is null)
                problems.Add($"{at} needs dates (from/to) or daily hours (dailyFrom/dailyTo)");
            if (quiet.From is { } from && quiet.To is { } to && from > to)
                problems.Add($"{at}.from must not be after to");
            if ((quiet.DailyFrom is null) != (quiet.DailyTo is null))
                problems.Add($"{at}.dailyFrom and dailyTo go together");
            if (quiet.DailyFrom is { } dailyFrom && dailyFrom == quiet.DailyTo)
                problems.Add($"{at}.dailyFrom and dailyTo must differ");
        }
        return problems;
    }

    /// <summary>Throws <c>CONTACT_POLICY_INVALID</c> with every problem when there is one.</summary>
    public static void EnsureValid(ContactPolicyDocument? document)
    {
        var problems = Problems(document);
        if (problems.Count > 0)
            throw new CampaignException(CampaignErrors.PolicyInvalid, "The contact policy is invalid: " + string.Join("; ", problems) + ".");
    }

    private static void Name(List<string> problems, HashSet<string> names, string at, string? name)
    {
        if (name is null)
            problems.Add($"{at} is missing or has no name");
        else if (name.Trim().Length is 0 or > 200)
            problems.Add($"{at}.name must have 1 to 200 characters");
        else if (!names.Add(name))
            problems.Add($"{at}.name \"{name}\" is used twice (refusals name their rule)");
    }

    private static void Days(List<string> problems, string at, int days)
    {
        if (days is < 1 or > MaxDays)
            problems.Add($"{at} must be 1 to {MaxDays}");
    }

    private static void Channels(List<string> problems, string at, IReadOnlyList<ContactChannel>? channels)
    {
        if (channels is null)
            return;
        if (channels.Any(c => !Enum.IsDefined(c)))
            problems.Add($"{at} holds an unknown channel");
        if (channels.Distinct().Count() != channels.Count)
            problems.Add($"{at} names a channel twice");
    }
}
