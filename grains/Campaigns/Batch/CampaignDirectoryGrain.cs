using Kasse.Campaigns;
using Kasse.Grains.Common;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>The list of campaigns (key 0): every campaign registers itself when saved and when its status changes.</summary>
public sealed class CampaignDirectoryGrain(
    [PersistentState("campaign-directory", StorageNames.Default)] IPersistentState<CampaignDirectoryState> state) : Grain, ICampaignDirectoryGrain
{
    public async Task Register(CampaignDirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (state.State.Entries.TryGetValue(entry.CampaignId, out var known) && known == entry)
            return;
        state.State.Entries[entry.CampaignId] = entry;
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<CampaignDirectoryEntry>> List() =>
        Task.FromResult<IReadOnlyList<CampaignDirectoryEntry>>(state.State.Entries.Values.OrderBy(e => e.CampaignId, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<string>> ListTriggered(JourneyEventKind kind) =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Entries.Values
            .Where(e => e.Status == CampaignStatus.Active && e.ScheduleKind == CampaignScheduleKind.Triggered && e.TriggerEvent == kind)
            .Select(e => e.CampaignId)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList());
}

[GenerateSerializer, Alias("Kasse.Grains.Campaigns.Batch.CampaignDirectoryState")]
public sealed class CampaignDirectoryState
{
    [Id(0)] public Dictionary<string, CampaignDirectoryEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}
