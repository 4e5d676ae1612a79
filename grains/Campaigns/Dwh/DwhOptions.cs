namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// Configuration of the data-warehouse import (section <c>Dwh</c>): the source table read nightly (when both are set)
/// and the time of day it is read.
/// </summary>
public sealed class DwhOptions
{
    public const string Section = "Dwh";

    /// <summary>Connection string of the data warehouse's PostgreSQL (read-only access suffices).</summary>
    public string? SourceConnectionString { get; set; }

    /// <summary>The source table (<c>table</c> or <c>schema.table</c>) with the columns of docs/campaigns.md.</summary>
    public string? SourceTable { get; set; }

    /// <summary>Local time (Europe/Berlin) of the nightly import, <c>HH:mm</c>.</summary>
    public string NightlyAt { get; set; } = "02:30";

    public bool HasSource => !string.IsNullOrWhiteSpace(SourceConnectionString) && !string.IsNullOrWhiteSpace(SourceTable);
}
