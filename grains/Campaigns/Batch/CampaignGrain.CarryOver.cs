using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Dwh;

namespace Kasse.Grains.Campaigns.Batch;

// Carry-over of customers deferred by the daily limits: a run remembers where its first deferral was (one key, so the
// state stays bounded), and the next run of a recurring campaign starts its scan there and wraps around to its start.
// Without it, every run would give the day's volume to the same first keys and never reach the deferred ones.
public sealed partial class CampaignGrain
{
    /// <summary>Where the run after <paramref name="last"/> starts its scan (after this key; null: from the start).</summary>
    private static string? CarryOverStart(CampaignRunState? last) =>
        last is { HasCarryOver: true, Status: CampaignRunStatus.Completed } ? last.CarryOverAfter : null;

    /// <summary>
    /// The next page of the run's scan: after its checkpoint to the end of the master data, then (for a run that started
    /// after a key) from the start up to and including that key. Keys compare ordinally, as the stores order them
    /// (pseudonyms are ASCII).
    /// </summary>
    private async Task<IReadOnlyList<CustomerMasterRecord>> ReadScanPageAsync(CampaignRunState run)
    {
        var page = await masterData.ReadPageAsync(run.Checkpoint, PageSize);
        if (page.Count == 0 && run.StartAfter is not null && !run.Wrapped)
        {
            // Stored with the next checkpoint (or forgotten with a failed page, which is then read again).
            run.Wrapped = true;
            run.Checkpoint = null;
            page = await masterData.ReadPageAsync(null, PageSize);
        }
        if (run.Wrapped && run.StartAfter is { } end)
            page = page.TakeWhile(m => string.CompareOrdinal(m.CustomerKey, end) <= 0).ToList();
        return page;
    }

    /// <summary>Remembers the key before the run's first deferred customer (called before the page's checkpoint moves on).</summary>
    private static void NoteCarryOver(CampaignRunState run, IReadOnlyList<CustomerMasterRecord> page, RunCounters counters)
    {
        if (run.HasCarryOver || counters.FirstDeferredKey is not { } deferred)
            return;
        var index = page.ToList().FindIndex(m => m.CustomerKey == deferred);
        run.HasCarryOver = true;
        run.CarryOverAfter = index > 0 ? page[index - 1].CustomerKey : run.Checkpoint;
    }
}
