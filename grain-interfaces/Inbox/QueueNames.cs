namespace Kasse.Inbox;

/// <summary>
/// Which queue an item waits in and which queues an agent serves. An item with a team waits in <c>team:&lt;team&gt;</c>;
/// otherwise in <c>skill:&lt;first required skill&gt;</c>; otherwise in <c>general</c>. An agent serves its team's queue,
/// one queue per skill, and <c>general</c>.
/// </summary>
public static class QueueNames
{
    public const string General = "general";

    public static string ForItem(string? team, IReadOnlyList<string> requiredSkills) =>
        !string.IsNullOrEmpty(team) ? "team:" + team
        : requiredSkills.Count > 0 ? "skill:" + requiredSkills[0]
        : General;

    public static IReadOnlyList<string> ForAgent(AgentRoutingProfile profile) =>
        [.. string.IsNullOrEmpty(profile.Team) ? [] : new[] { "team:" + profile.Team }, .. profile.Skills.Select(s => "skill:" + s), General];
}
