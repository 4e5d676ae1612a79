using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>Capacity held for an assigned item until it is wrapped up; a chat names its conversation.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Inbox.Assignment")]
public sealed record Assignment(
    [property: Id(0)] WorkChannel Channel,
    [property: Id(1)] int Weight,
    [property: Id(2)] Guid OfferId,
    [property: Id(30)] Guid? ConversationId = null);
