namespace Kasse.Grains.Inbox;

/// <summary>The stored state of the team directory.</summary>
[GenerateSerializer, Alias("Kasse.Grains.Inbox.TeamDirectoryState")]
public sealed class TeamDirectoryState
{
    [Id(0)] public HashSet<string> Teams { get; set; } = [];
}
