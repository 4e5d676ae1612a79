using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Batch;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>Volume limits per channel and Europe/Berlin day.</summary>
public sealed class DailyVolumeTests
{
    private static readonly IReadOnlyDictionary<ContactChannel, int> Limits = new Dictionary<ContactChannel, int>
    {
        [ContactChannel.Email] = 2,
        [ContactChannel.Letter] = 1,
    };

    [Fact]
    public void A_used_up_channel_passes_to_the_next_and_none_left_means_deferred()
    {
        var volume = new DailyVolume();
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        ContactChannel[] channels = [ContactChannel.Email, ContactChannel.Letter];

        Assert.Equal(
            [ContactChannel.Email, ContactChannel.Email, ContactChannel.Letter, null],
            Enumerable.Range(0, 4).Select(_ => volume.TakeFirst(channels, Limits, at)).ToArray());
        volume.GiveBack(ContactChannel.Letter);
        Assert.Equal(ContactChannel.Letter, volume.TakeFirst(channels, Limits, at));
        Assert.Equal(ContactChannel.AppPush, volume.TakeFirst([ContactChannel.AppPush], Limits, at));
    }

    [Fact]
    public void The_day_changes_at_midnight_in_berlin_not_utc()
    {
        var volume = new DailyVolume();
        ContactChannel[] letter = [ContactChannel.Letter];

        Assert.Equal(ContactChannel.Letter, volume.TakeFirst(letter, Limits, new DateTimeOffset(2026, 12, 7, 22, 30, 0, TimeSpan.Zero)));
        // 22:50 UTC is 23:50 in Berlin: the same day, the letter is used up.
        Assert.Null(volume.TakeFirst(letter, Limits, new DateTimeOffset(2026, 12, 7, 22, 50, 0, TimeSpan.Zero)));
        // 23:10 UTC is 00:10 on the next day in Berlin.
        Assert.Equal(ContactChannel.Letter, volume.TakeFirst(letter, Limits, new DateTimeOffset(2026, 12, 7, 23, 10, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 12, 8), volume.Day);
    }
}
