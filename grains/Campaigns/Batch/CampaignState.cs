using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// A campaign's grain state: the current definition (every version is in <c>campaign_versions</c>), the lifecycle,
/// today's volume per channel and the newest runs with their counters and checkpoints. Bounded: at most
/// <see cref="MaxRunsKept"/> runs (older ones stay in <c>campaign_contacts</c>).
/// </summary>
[GenerateSerializer, Alias("Kasse.Grains.Campaigns.Batch.CampaignState")]
public sealed class CampaignState
{
    public const int MaxRunsKept = 30;

    [Id(0)] public CampaignDefinition? Definition { get; set; }
    [Id(1)] public int Version { get; set; }
    [Id(2)] public CampaignStatus Status { get; set; }
    [Id(3)] public List<CampaignRunState> Runs { get; set; } = [];
    [Id(4)] public DailyVolume Volume { get; set; } = new();
    [Id(5)] public DateTimeOffset? CreatedAt { get; set; }
}

/// <summary>One run: a batch over the master data (with its checkpoint), or one day of triggered contacts.</summary>
[GenerateSerializer, Alias("Kasse.Grains.Campaigns.Batch.CampaignRunState")]
public sealed class CampaignRunState
{
    [Id(0)] public Guid RunId { get; set; }
    [Id(1)] public CampaignRunStatus Status { get; set; }
    [Id(2)] public bool Triggered { get; set; }
    [Id(3)] public int DefinitionVersion { get; set; }
    [Id(4)] public long TotalCustomers { get; set; }
    [Id(5)] public long Scanned { get; set; }
    [Id(6)] public long Targeted { get; set; }
    [Id(7)] public long ControlGroup { get; set; }
    [Id(8)] public Dictionary<ContactChannel, long> Contacted { get; set; } = [];
    [Id(9)] public Dictionary<ContactRefusal, long> Refused { get; set; } = [];
    [Id(10)] public long DeferredByVolume { get; set; }
    [Id(11)] public DateTimeOffset StartedAt { get; set; }
    [Id(12)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The last customer key of the last committed page: the run goes on after it.</summary>
    [Id(13)] public string? Checkpoint { get; set; }
    [Id(14)] public int FailedAttempts { get; set; }
    [Id(15)] public string? Failure { get; set; }
    [Id(16)] public DateOnly? Day { get; set; }

    /// <summary>The scan starts after this key, runs to the end and wraps around to it (null: from the start).</summary>
    [Id(17)] public string? StartAfter { get; set; }

    /// <summary>The scan has passed the end of the master data and goes on from its start (up to <see cref="StartAfter"/>).</summary>
    [Id(18)] public bool Wrapped { get; set; }

    /// <summary>Someone was deferred by the daily limits; the next run starts after <see cref="CarryOverAfter"/>.</summary>
    [Id(19)] public bool HasCarryOver { get; set; }

    /// <summary>The key just before the first customer deferred by volume, in this run's scan order (null: the very start).</summary>
    [Id(20)] public string? CarryOverAfter { get; set; }

    public CampaignRunView View() => new(
        RunId, Status, TotalCustomers, Scanned, Targeted, ControlGroup,
        new Dictionary<ContactChannel, long>(Contacted), new Dictionary<ContactRefusal, long>(Refused),
        DeferredByVolume, StartedAt, FinishedAt);

    public void Add(RunCounters counters)
    {
        Scanned += counters.Scanned;
        Targeted += counters.Targeted;
        ControlGroup += counters.ControlGroup;
        DeferredByVolume += counters.DeferredByVolume;
        foreach (var (channel, count) in counters.Contacted)
            Contacted[channel] = Contacted.GetValueOrDefault(channel) + count;
        foreach (var (refusal, count) in counters.Refused)
            Refused[refusal] = Refused.GetValueOrDefault(refusal) + count;
    }
}

/// <summary>What one page (or one trigger) added to a run's counters.</summary>
public sealed class RunCounters
{
    public long Scanned { get; set; }
    public long Targeted { get; set; }
    public long ControlGroup { get; set; }
    public long DeferredByVolume { get; set; }

    /// <summary>The first customer of the page deferred by the daily limits (null: none).</summary>
    public string? FirstDeferredKey { get; set; }

    public Dictionary<ContactChannel, long> Contacted { get; } = [];
    public Dictionary<ContactRefusal, long> Refused { get; } = [];

    public void Contact(ContactChannel channel) => Contacted[channel] = Contacted.GetValueOrDefault(channel) + 1;

    public void Refuse(ContactRefusal refusal) => Refused[refusal] = Refused.GetValueOrDefault(refusal) + 1;
}
