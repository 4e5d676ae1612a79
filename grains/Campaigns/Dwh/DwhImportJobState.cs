using Kasse.Campaigns.Dwh;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>The stored state of an import job: the request, the status, and the counters of the rows committed so far.</summary>
[GenerateSerializer, Alias("Kasse.Grains.Campaigns.Dwh.DwhImportJobState")]
public sealed class DwhImportJobState
{
    [Id(0)] public bool Started { get; set; }
    [Id(1)] public DwhImportSource Source { get; set; }
    [Id(2)] public string FileName { get; set; } = "";
    [Id(3)] public DwhImportStatus Status { get; set; } = DwhImportStatus.Receiving;
    [Id(4)] public int Chunks { get; set; }
    [Id(5)] public long Bytes { get; set; }
    [Id(6)] public string StartedBy { get; set; } = "";
    [Id(7)] public DateTimeOffset? StartedAt { get; set; }
    [Id(8)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(9)] public string? Failure { get; set; }
    [Id(10)] public DwhImportCounts Counts { get; set; } = DwhImportCounts.Zero;
    [Id(11)] public long BytesRead { get; set; }
    [Id(12)] public string Encoding { get; set; } = "";
    [Id(13)] public long TotalRows { get; set; }
    [Id(14)] public int FailedAttempts { get; set; }
}
