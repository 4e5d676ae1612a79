namespace Kasse.Agents;

/// <summary>A service agent (Kundenberater/Sachbearbeiter): who they are, which team, which skills.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Agents.AgentProfile")]
public sealed record AgentProfile(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Team,
    [property: Id(3)] IReadOnlyList<string> Skills,
    [property: Id(4)] bool IsSupervisor);
