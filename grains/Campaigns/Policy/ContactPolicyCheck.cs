using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// The contact policy applied to one request against one customer's ledger (docs/campaigns.md, "Consents and the contact
/// policy"). Pure: the customer grain calls it inside a turn, so nothing changes between the check and the reservation.
/// </summary>
public static class ContactPolicyCheck
{
    /// <summary>The refusal (with the rule that applied), or <see cref="ContactRefusal.None"/>.</summary>
    public static (ContactRefusal Refusal, string? Rule) Evaluate(
        ContactRequest request, CustomerConsents consents, ContactReachability reach, ContactPolicyDocument policy,
        ContactLedger ledger, DateTimeOffset now)
    {
        if (consents.ObjectedToTargeting)
            return (ContactRefusal.Objection, null);
        if (request.Purpose == ContactPurpose.Marketing && !consents.AdvertisingConsent)
            return (ContactRefusal.NoAdvertisingConsent, null);
        if (!reach.Allows(request.Channel))
            return (ContactRefusal.ChannelNotAllowed, null);
        if (QuietPeriodAt(policy, request.Channel, now) is { } quiet)
            return (ContactRefusal.QuietPeriod, quiet.Name);
        // Without outcomes nothing is suppressed (a batch's fresh ledger): the grouping below is not worth its allocations.
        if (ledger.Outcomes.Count > 0 && ActiveSuppressions(policy, ledger, now).FirstOrDefault(s => s.Applies(request)) is { } suppression)
            return (ContactRefusal.Suppressed, suppression.Rule.Name);
        foreach (var limit in policy.Limits)
        {
            if (!Matches(limit, request.Purpose, request.Channel))
                continue;
            if (Used(limit, ledger, now) + 1 > limit.Max)
                return (ContactRefusal.LimitReached, limit.Name);
        }
        return (ContactRefusal.None, null);
    }

    /// <summary>The slots that count against <paramref name="limit"/> now.</summary>
    private static int Used(ContactLimit limit, ContactLedger ledger, DateTimeOffset now)
    {
        var since = now.AddDays(-limit.WindowDays);
        var used = 0;
        foreach (var c in ledger.Contacts)
        {
            if (c.ReservedAt >= since && c.CountsAt(now) && Matches(limit, c.Request.Purpose, c.Request.Channel))
                used++;
        }
        return used;
    }

    public static bool Matches(ContactLimit limit, ContactPurpose purpose, ContactChannel channel) =>
        (limit.Purpose is null || limit.Purpose == purpose) && (limit.Channels is not { Count: > 0 } || limit.Channels.Contains(channel));

    /// <summary>The quiet period in force on this channel now (Europe/Berlin), if any.</summary>
    public static QuietPeriod? QuietPeriodAt(ContactPolicyDocument policy, ContactChannel channel, DateTimeOffset now)
    {
        var local = BerlinTime.LocalOf(now);
        var day = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        foreach (var quiet in policy.QuietPeriods)
        {
            var channels = quiet.Channels is { Count: > 0 } listed ? listed : DefaultContactPolicy.Outbound;
            if (!channels.Contains(channel))
                continue;
            var inDates = (quiet.From is null || day >= quiet.From) && (quiet.To is null || day <= quiet.To);
            var inHours = quiet.DailyFrom is not { } from || quiet.DailyTo is not { } to || InDailyRange(time, from, to);
            if (inDates && inHours)
                return quiet;
        }
        return null;
    }

    /// <summary>Whether <paramref name="time"/> lies in [from, to), a range that may run over midnight (20:00–08:00).</summary>
    public static bool InDailyRange(TimeOnly time, TimeOnly from, TimeOnly to) =>
        from <= to ? time >= from && time < to : time >= from || time < to;

    /// <summary>The suppressions in force now: per rule and per offer, campaign or (AllMarketing) the person.</summary>
    public static IEnumerable<SuppressionInForce> ActiveSuppressions(ContactPolicyDocument policy, ContactLedger ledger, DateTimeOffset now)
    {
        foreach (var rule in policy.Suppressions)
        {
            var since = now.AddDays(-rule.WithinDays);
            var counted = ledger.Outcomes.Where(o => o.Outcome == rule.Outcome && o.At >= since
                && (rule.Channels is not { Count: > 0 } || rule.Channels.Contains(o.Channel)));
            var groups = rule.Scope switch
            {
                SuppressionScope.Offer => counted.Where(o => o.OfferId is not null).GroupBy(o => o.OfferId),
                SuppressionScope.Campaign => counted.Where(o => o.CampaignId is not null).GroupBy(o => o.CampaignId),
                _ => counted.GroupBy(_ => (string?)null),
            };
            foreach (var group in groups)
            {
                var outcomes = group.OrderBy(o => o.At).ToList();
                if (outcomes.Count < rule.Count)
                    continue;
                var until = outcomes[^1].At.AddDays(rule.SuppressDays);
                if (until > now)
                    yield return new SuppressionInForce(rule, group.Key, until);
            }
        }
    }
}

/// <summary>A suppression rule that holds now for one offer, one campaign, or (AllMarketing, key null) every marketing contact.</summary>
public sealed record SuppressionInForce(OutcomeSuppression Rule, string? Key, DateTimeOffset Until)
{
    public bool Applies(ContactRequest request)
    {
        if (Rule.Channels is { Count: > 0 } channels && !channels.Contains(request.Channel))
            return false;
        return Rule.Scope switch
        {
            SuppressionScope.Offer => request.OfferId == Key,
            SuppressionScope.Campaign => request.CampaignId == Key,
            _ => request.Purpose == ContactPurpose.Marketing,
        };
    }

    public ActiveSuppression ToView() => new(
        Rule.Name,
        Rule.Scope == SuppressionScope.Offer ? Key : null,
        Rule.Scope == SuppressionScope.Campaign ? Key : null,
        Rule.Channels is [var only] ? only : null,
        Until);
}

/// <summary>Which channels can reach the person at all: no e-mail address, no e-mail; no phone number, no call or SMS.</summary>
public sealed record ContactReachability(bool HasEmail, bool HasPhone)
{
    public static readonly ContactReachability Everything = new(true, true);

    public bool Allows(ContactChannel channel) => channel switch
    {
        ContactChannel.Email => HasEmail,
        ContactChannel.Phone or ContactChannel.Sms => HasPhone,
        _ => true,
    };
}
