using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// The campaign's contacts per channel on one day (Europe/Berlin), against its <see cref="CampaignDefinition.DailyLimits"/>.
/// Kept in the grain state and stored with each checkpoint, so a resumed run counts on from where it stopped. Only the
/// current day is kept: a new day starts from zero.
/// </summary>
[GenerateSerializer, Alias("Kasse.Grains.Campaigns.Batch.DailyVolume")]
public sealed class DailyVolume
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Id(0)] public DateOnly Day { get; set; }

    [Id(1)] public Dictionary<ContactChannel, int> Used { get; set; } = [];

    public static DateOnly BerlinDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Berlin).DateTime);

    /// <summary>Takes one contact of <paramref name="channel"/> on the day of <paramref name="at"/>; false when the day's limit is used up.</summary>
    public bool TryTake(ContactChannel channel, IReadOnlyDictionary<ContactChannel, int>? limits, DateTimeOffset at)
    {
        RollOver(at);
        var used = Used.GetValueOrDefault(channel);
        if (limits is not null && limits.TryGetValue(channel, out var limit) && used >= limit)
            return false;
        Used[channel] = used + 1;
        return true;
    }

    /// <summary>Gives a taken contact back (the customer grain refused it).</summary>
    public void GiveBack(ContactChannel channel)
    {
        if (Used.TryGetValue(channel, out var used) && used > 0)
            Used[channel] = used - 1;
    }

    /// <summary>The first of <paramref name="channels"/> with room left today (taken), or null when every one is used up.</summary>
    public ContactChannel? TakeFirst(IReadOnlyList<ContactChannel> channels, IReadOnlyDictionary<ContactChannel, int>? limits, DateTimeOffset at)
    {
        foreach (var channel in channels)
        {
            if (TryTake(channel, limits, at))
                return channel;
        }
        return null;
    }

    public DailyVolume Copy() => new() { Day = Day, Used = new Dictionary<ContactChannel, int>(Used) };

    private void RollOver(DateTimeOffset at)
    {
        var day = BerlinDay(at);
        if (day == Day)
            return;
        Day = day;
        Used.Clear();
    }
}
