namespace Kasse.Grains.EinmalPin.Import;

/// <summary>How <see cref="PinCsvImport.RunAsync"/> runs: batch size, where to resume, the error cap, and a hook per committed batch.</summary>
public sealed class PinCsvImportOptions
{
    /// <summary>Rows (good and bad) per committed batch: one COPY of its good rows and one write of its errors.</summary>
    public int BatchSize { get; init; } = 10_000;

    /// <summary>The counters of the rows already committed by an earlier run of the same import; those rows are skipped.</summary>
    public PinImportCounts Resume { get; init; } = PinImportCounts.Zero;

    /// <summary>At most this many errors are stored per import; all are counted.</summary>
    public int MaxStoredErrors { get; init; } = 10_000;

    /// <summary>The day birth dates must not come after.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Called after each committed batch (and after the last one), e.g. to persist progress.</summary>
    public Func<PinImportProgress, CancellationToken, Task>? BatchCommitted { get; init; }
}
