using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>The stored state of an import job: the request, the status, and the counters of the rows committed so far.</summary>
[GenerateSerializer, Alias("Kasse.Grains.EinmalPin.Import.PinImportJobState")]
public sealed class PinImportJobState
{
    [Id(0)] public bool Started { get; set; }
    [Id(1)] public string FileName { get; set; } = "";
    [Id(2)] public PinImportStatus Status { get; set; } = PinImportStatus.Receiving;
    [Id(3)] public int Chunks { get; set; }
    [Id(4)] public long Bytes { get; set; }
    [Id(5)] public string StartedBy { get; set; } = "";
    [Id(6)] public DateTimeOffset? StartedAt { get; set; }
    [Id(7)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(8)] public string? Failure { get; set; }
    [Id(9)] public PinImportCounts Counts { get; set; } = PinImportCounts.Zero;
    [Id(10)] public long BytesRead { get; set; }
    [Id(11)] public string Encoding { get; set; } = "";
    [Id(12)] public bool LetterBatchStarted { get; set; }
    [Id(13)] public int FailedAttempts { get; set; }
}
