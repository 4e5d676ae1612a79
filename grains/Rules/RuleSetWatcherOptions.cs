namespace Kasse.Grains.Rules;

/// <summary>How often a silo asks for newly activated rule set versions.</summary>
public sealed record RuleSetWatcherOptions(TimeSpan RefreshInterval);
