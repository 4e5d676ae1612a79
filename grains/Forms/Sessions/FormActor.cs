using Kasse.Conversations;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>Who wrote a change: a participant, or the system (role null) for prefilled values.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Forms.Sessions.FormActor")]
public sealed record FormActor(
    [property: Id(0)] string UserId,
    [property: Id(1)] ParticipantRole? Role,
    [property: Id(2)] string Name)
{
    /// <summary>The writer of prefilled values (an EinmalPIN case import).</summary>
    public static FormActor System { get; } = new("system", null, "System");

    public static FormActor Of(Participant participant) => new(participant.UserId, participant.Role, participant.DisplayName);
}
