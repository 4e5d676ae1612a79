namespace Kasse.Inbox;

/// <summary>
/// Where a work item moves: to one colleague (<see cref="ToAgentId"/>, an offer reserved for that agent) or to a team's
/// queue (<see cref="ToTeam"/>) — exactly one of the two — with a note for the next agent. The note may hold personal
/// data: it is stored in the item's history and never logged.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.TransferRequest")]
public sealed record TransferRequest(
    [property: Id(0)] string? ToAgentId,
    [property: Id(1)] string? ToTeam,
    [property: Id(2)] string? Note)
{
    public const int MaxNoteLength = 2000;

    /// <summary>Shape errors (field → messages), empty when the request names exactly one target and a note of fitting size.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var toAgent = !string.IsNullOrWhiteSpace(ToAgentId);
        var toTeam = !string.IsNullOrWhiteSpace(ToTeam);
        if (toAgent == toTeam)
            errors["target"] = ["Genau eines von toAgentId (Kollegin/Kollege) oder toTeam (Team) angeben."];
        if (ToAgentId is { Length: > 200 })
            errors["toAgentId"] = ["Die Kennung ist länger als 200 Zeichen."];
        if (ToTeam is { Length: > 100 })
            errors["toTeam"] = ["Der Teamname ist länger als 100 Zeichen."];
        if (Note is { Length: > MaxNoteLength })
            errors["note"] = [$"Die Notiz ist länger als {MaxNoteLength} Zeichen."];
        return errors;
    }
}
