namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>One watched field of a pushed form state: whether the state had it, its text value (null when empty or not text) and version.</summary>
public readonly record struct ProbedField(bool Present, string? Value, long Version);
