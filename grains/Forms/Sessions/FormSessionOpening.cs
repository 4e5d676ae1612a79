using Kasse.Forms;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>What a session is about, fixed at its start: the pinned form version, whose it is, and where it came from.</summary>
public sealed record FormSessionOpening(
    string FormName,
    int FormVersion,
    string InsuredUserId,
    FormOrigin Origin,
    Guid? ConversationId,
    string? WorkItemId,
    string CaseReference);
