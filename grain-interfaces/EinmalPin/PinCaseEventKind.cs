namespace Kasse.EinmalPin;

/// <summary>The rows the case grain writes to <c>pin_case_events</c> (stored as smallint).</summary>
public enum PinCaseEventKind
{
    /// <summary>First successful login with PIN and birth date (later logins are audited, not recorded here).</summary>
    Opened = 1,

    /// <summary>The form was submitted; detail: form session id, content hash.</summary>
    Submitted = 2,

    /// <summary>The stp rule set closed the case; detail: rule set name and version.</summary>
    ClosedAutomatically = 3,

    /// <summary>The stp rule set routed the case to a clerk; detail: rule set name and version, reasons, work item id.</summary>
    WithClerk = 4,

    /// <summary>The clerk completed the case's work item; detail: the agent id.</summary>
    ClosedByClerk = 5,

    /// <summary>New secrets were issued on request (the previous letter's PIN and link stop working).</summary>
    Reissued = 6,
}
