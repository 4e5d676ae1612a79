namespace Kasse.Grains.Inbox;

/// <summary>One target of a route as a routing document names it, with the time after which the item moves on.</summary>
public sealed record RouteStep(RouteStepKind Kind, string? Name, TimeSpan? Timeout);

/// <summary>What a route step targets.</summary>
public enum RouteStepKind
{
    /// <summary>The agent who last served this customer, only them (skipped when nobody did).</summary>
    LastAgent,

    /// <summary>The item's team (skipped when it has none), or the named team.</summary>
    Team,

    /// <summary>The queue of the item's first required skill (skipped when none), or the named skill alone (a broader set).</summary>
    Skill,

    /// <summary>The general queue, without skill requirements.</summary>
    General,
}
