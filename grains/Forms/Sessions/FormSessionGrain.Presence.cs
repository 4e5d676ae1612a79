using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Gateway;
using Kasse.Grains.Conversations;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// Presence: who is in the session, on which step and field. Memory only (a new activation starts empty, clients
/// report their focus again); pushed to the participants as <c>formPresence</c>, and part of every view.
/// </summary>
public sealed partial class FormSessionGrain
{
    private const int MaxFocusLength = 200;
    private readonly Dictionary<string, FormParticipantPresence> _presence = new(StringComparer.Ordinal);

    public async Task SetFocus(Participant participant, string? stepId, string? fieldPath)
    {
        await EnsureActorAsync(participant);
        if (stepId?.Length > MaxFocusLength || fieldPath?.Length > MaxFocusLength || !PlainText.IsClean(stepId) || !PlainText.IsClean(fieldPath))
            throw new FormException(FormErrors.UnknownField, "Schritt oder Feld sind zu lang oder enthalten Steuerzeichen.");
        _presence[participant.UserId] = new FormParticipantPresence(
            participant.UserId, participant.Role, participant.DisplayName, stepId, fieldPath, clock.GetUtcNow());
        PushPresence();
    }

    public Task Leave(Participant participant)
    {
        // Leaving needs no permission: it only removes the caller's own presence.
        if (_presence.Remove(participant.UserId))
            PushPresence();
        return Task.CompletedTask;
    }

    /// <summary>Who is here, the insured first.</summary>
    private FormParticipantPresence[] Presence() => [.. _presence.Values.OrderBy(p => p.Role).ThenBy(p => p.At)];

    private void PushPresence()
    {
        var notice = new FormPresenceNotice(Id, Presence(), clock.GetUtcNow());
        string[] recipients = S.Access is { Status: FormAccessStatus.Granted, AgentId: { } agentId }
            ? [S.InsuredUserId, agentId]
            : [S.InsuredUserId];
        fanout.Enqueue(new ClientDelivery(recipients, null, null, FormPresence: notice));
    }
}
