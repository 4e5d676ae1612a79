namespace Kasse.Web.Realtime;

/// <summary>Names of the events the server pushes to hub clients (see docs/realtime-api.md).</summary>
public static class ClientEvents
{
    /// <summary>A sequenced conversation event (<c>ConversationEvent</c>); clients de-duplicate and order by <c>seq</c>.</summary>
    public const string ConversationEvent = "ConversationEvent";

    /// <summary>Someone is typing (<c>TypingNotice</c>); clients hide it after a few seconds without a refresh.</summary>
    public const string Typing = "Typing";

    /// <summary>
    /// Where the insured's waiting chat stands in line (<c>QueuePositionNotice</c>), sent when it changes; the latest
    /// one (by <c>at</c>) counts.
    /// </summary>
    public const string QueuePosition = "queuePosition";

    /// <summary>The agent's desk changed (<c>AgentDeskView</c>, agent hub only); clients keep the highest <c>version</c>.</summary>
    public const string Desk = "desk";

    /// <summary>The supervisor view changed (<c>SupervisorOverview</c>); clients check <c>epoch</c> and <c>seq</c> for gaps.</summary>
    public const string Overview = "overview";

    /// <summary>
    /// A form session's view for this user (<c>FormViewState</c>, an agent's copy with sensitive fields masked), after
    /// every change but an edit's; clients keep the state with the highest <c>seq</c>.
    /// </summary>
    public const string FormState = "formState";

    /// <summary>
    /// What an edit changed in this user's view of a form session (<c>FormViewChange</c>); applies to the state with
    /// seq <c>baseSeq</c>, otherwise the client fetches the state.
    /// </summary>
    public const string FormChange = "formChange";

    /// <summary>Who is in a form session, on which step and field (<c>FormPresenceNotice</c>); the newest <c>at</c> counts.</summary>
    public const string FormPresence = "formPresence";

    /// <summary>An agent asks the insured to fill a form together (<c>FormInvitation</c>); answered by GrantFormAccess or DeclineFormAccess.</summary>
    public const string FormInvitation = "formInvitation";
}
