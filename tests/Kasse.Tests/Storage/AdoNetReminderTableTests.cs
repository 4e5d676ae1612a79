using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Storage;

/// <summary>
/// The running silo's ADO.NET reminder table (<see cref="IReminderTable"/> as the reminder service uses it) against
/// our schema: every reminder query key, the ETag check, hash ranges with and without wrap-around, UTC start times.
/// Start times lie a day ahead, so the silo's reminder service never fires these reminders of grains that do not exist.
/// </summary>
public sealed class AdoNetReminderTableTests(SiloStorageFixture fixture) : IClassFixture<SiloStorageFixture>
{
    private static readonly DateTime StartAt = TruncateToMicroseconds(DateTime.UtcNow.AddDays(1));

    private IReminderTable Table => fixture.Silo.Services.GetRequiredService<IReminderTable>();

    [Fact]
    public async Task Upserted_reminder_reads_back_with_start_period_and_etag()
    {
        var grainId = NewGrainId();
        var etag = await Table.UpsertRow(Reminder(grainId, "monthly-invoice", TimeSpan.FromMinutes(5)));

        var read = await Table.ReadRow(grainId, "monthly-invoice");

        Assert.NotNull(read);
        Assert.Equal(grainId, read.GrainId);
        Assert.Equal("monthly-invoice", read.ReminderName);
        Assert.Equal(StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task Period_longer_than_int_milliseconds_round_trips()
    {
        var grainId = NewGrainId();
        await Table.UpsertRow(Reminder(grainId, "yearly", TimeSpan.FromDays(365)));

        var read = await Table.ReadRow(grainId, "yearly");

        Assert.Equal(TimeSpan.FromDays(365), read?.Period);
    }

    [Fact]
    public async Task Reading_an_unknown_reminder_returns_null()
    {
        Assert.Null(await Table.ReadRow(NewGrainId(), "nothing"));
    }

    [Fact]
    public async Task Upserting_again_replaces_the_reminder_with_a_new_etag()
    {
        var grainId = NewGrainId();
        var first = await Table.UpsertRow(Reminder(grainId, "r", TimeSpan.FromMinutes(5)));

        var second = await Table.UpsertRow(Reminder(grainId, "r", TimeSpan.FromMinutes(10)));

        Assert.NotEqual(first, second);
        var read = await Table.ReadRow(grainId, "r");
        Assert.Equal(TimeSpan.FromMinutes(10), read?.Period);
        Assert.Equal(second, read?.ETag);
    }

    [Fact]
    public async Task Removing_with_a_stale_etag_fails_and_keeps_the_reminder()
    {
        var grainId = NewGrainId();
        var stale = await Table.UpsertRow(Reminder(grainId, "r", TimeSpan.FromMinutes(5)));
        var current = await Table.UpsertRow(Reminder(grainId, "r", TimeSpan.FromMinutes(6)));

        Assert.False(await Table.RemoveRow(grainId, "r", stale!));
        Assert.NotNull(await Table.ReadRow(grainId, "r"));

        Assert.True(await Table.RemoveRow(grainId, "r", current!));
        Assert.Null(await Table.ReadRow(grainId, "r"));
        Assert.False(await Table.RemoveRow(grainId, "r", current!));
    }

    [Fact]
    public async Task Reading_a_grain_returns_all_its_reminders_and_no_others()
    {
        var grainId = NewGrainId();
        await Table.UpsertRow(Reminder(grainId, "a", TimeSpan.FromMinutes(5)));
        await Table.UpsertRow(Reminder(grainId, "b", TimeSpan.FromMinutes(5)));
        await Table.UpsertRow(Reminder(NewGrainId(), "a", TimeSpan.FromMinutes(5)));

        var data = await Table.ReadRows(grainId);

        Assert.Equal(["a", "b"], data.Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(data.Reminders, r => Assert.Equal(grainId, r.GrainId));
    }

    [Fact]
    public async Task Hash_range_reads_include_the_end_and_exclude_the_begin()
    {
        var grainId = NewGrainIdWithHashAwayFromTheEdges();
        var hash = grainId.GetUniformHashCode();
        await Table.UpsertRow(Reminder(grainId, "ranged", TimeSpan.FromMinutes(5)));

        var endingAtHash = await Table.ReadRows(hash - 1, hash);
        var beginningAtHash = await Table.ReadRows(hash, hash + 1);

        Assert.Contains(endingAtHash.Reminders, r => r.GrainId == grainId);
        Assert.DoesNotContain(beginningAtHash.Reminders, r => r.GrainId == grainId);
    }

    [Fact]
    public async Task Wrapping_hash_range_reads_both_ends_of_the_ring()
    {
        var grainId = NewGrainIdWithHashAwayFromTheEdges();
        var hash = grainId.GetUniformHashCode();
        await Table.UpsertRow(Reminder(grainId, "wrapped", TimeSpan.FromMinutes(5)));

        // (begin, end] with begin "after" end (as signed ints): everything except (end, begin].
        var allButTheHash = await Table.ReadRows(hash, hash - 1);
        var wholeRing = await Table.ReadRows(hash + 1, hash);
        var fromJustBelow = await Table.ReadRows(hash - 1, hash - 2);

        Assert.DoesNotContain(allButTheHash.Reminders, r => r.GrainId == grainId);
        Assert.Contains(wholeRing.Reminders, r => r.GrainId == grainId);
        Assert.Contains(fromJustBelow.Reminders, r => r.GrainId == grainId);
    }

    [Fact]
    public async Task Full_ring_range_returns_every_reminder_of_the_service()
    {
        var grainIds = Enumerable.Range(0, 20).Select(_ => NewGrainId()).ToArray();
        foreach (var grainId in grainIds)
            await Table.UpsertRow(Reminder(grainId, "ring", TimeSpan.FromMinutes(5)));

        var all = await Table.ReadRows(0, 0);

        Assert.All(grainIds, g => Assert.Contains(all.Reminders, r => r.GrainId == g && r.ReminderName == "ring"));
    }

    [Fact]
    public async Task No_reminder_query_failed_in_the_database()
    {
        await Upserted_reminder_reads_back_with_start_period_and_etag();

        Assert.Empty(fixture.Silo.DatabaseErrors.Entries);
    }

    private static ReminderEntry Reminder(GrainId grainId, string name, TimeSpan period) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = StartAt,
        Period = period,
    };

    private static GrainId NewGrainId() =>
        GrainId.Create(GrainType.Create("kassetest"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid()));

    private static GrainId NewGrainIdWithHashAwayFromTheEdges()
    {
        while (true)
        {
            var grainId = NewGrainId();
            var hash = (int)grainId.GetUniformHashCode();
            if (hash is > int.MinValue + 4 and < int.MaxValue - 4 and (< -4 or > 4))
                return grainId;
        }
    }

    private static DateTime TruncateToMicroseconds(DateTime value) =>
        new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);
}
