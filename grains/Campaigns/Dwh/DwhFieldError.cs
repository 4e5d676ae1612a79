namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>Why one field of a row was refused: the column (empty for the whole row) and the reason (German).</summary>
public sealed record DwhFieldError(string Column, string Reason);
