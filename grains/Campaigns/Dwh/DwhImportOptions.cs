namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>How <see cref="DwhImport.RunAsync"/> runs: batch size, where to resume, the rejection cap, a hook per committed batch.</summary>
public sealed class DwhImportOptions
{
    /// <summary>Rows (good and bad) per committed batch: one staged COPY + upsert and one write of its rejections.</summary>
    public int BatchSize { get; init; } = 10_000;

    /// <summary>The counters of the rows an earlier run of the same import committed; those rows are skipped.</summary>
    public DwhImportCounts Resume { get; init; } = DwhImportCounts.Zero;

    /// <summary>At most this many rejections are stored per import; all are counted.</summary>
    public int MaxStoredRejections { get; init; } = 10_000;

    /// <summary>
    /// An import that starts on an empty table (a first load) lets the store write its rows without looking for
    /// existing ones (<see cref="ICustomerMasterStore.StartBatch"/>). Off only to measure the upsert path.
    /// </summary>
    public bool FirstLoadWithoutLookup { get; init; } = true;

    /// <summary>Called after each committed batch with the counters so far (e.g. to persist progress).</summary>
    public Func<DwhImportCounts, CancellationToken, Task>? BatchCommitted { get; init; }
}
