using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>How far back a customer's ledger matters under a policy: its longest limit window or suppression span, and
/// at least the 30 days of <see cref="CustomerFacts.ContactsLast30Days"/>.</summary>
public static class PolicyHorizon
{
    public const int FactsWindowDays = 30;

    public static int Days(ContactPolicyDocument policy)
    {
        var days = FactsWindowDays;
        foreach (var limit in policy.Limits)
            days = Math.Max(days, limit.WindowDays);
        foreach (var suppression in policy.Suppressions)
            days = Math.Max(days, suppression.WithinDays + suppression.SuppressDays);
        return days;
    }

    public static DateTimeOffset Since(ContactPolicyDocument policy, DateTimeOffset now) => now.AddDays(-Days(policy));
}
