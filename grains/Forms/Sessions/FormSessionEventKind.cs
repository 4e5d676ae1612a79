namespace Kasse.Grains.Forms.Sessions;

/// <summary>What one row of <c>form_session_events</c> records: every accepted change of a session's document.</summary>
public enum FormSessionEventKind
{
    /// <summary>The session began (form, version, insured, origin; prefilled values; a requested agent).</summary>
    Started = 0,

    /// <summary>An edit: values written (and those clear-on-hide dropped), with the editor's operation id and result.</summary>
    Edited = 1,

    /// <summary>The agent's access changed (requested, granted, declined, revoked).</summary>
    AccessChanged = 2,

    /// <summary>The insured submitted: the receipt; the session takes no more edits.</summary>
    Submitted = 3,
}
