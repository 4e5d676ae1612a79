namespace Kasse.Forms;

/// <summary>A refusal of the forms API; the gateway turns it into a coded hub error or problem details.</summary>
[GenerateSerializer, Alias("Kasse.Forms.FormException")]
public sealed class FormException(string code, string message) : CodedException(code, message);

/// <summary>Stable error codes of the forms API (see docs/forms.md).</summary>
public static class FormErrors
{
    /// <summary>No form definition of that name (or version).</summary>
    public const string DefinitionNotFound = "FORM_DEFINITION_NOT_FOUND";

    /// <summary>A definition document that does not parse or whose expressions do not compile (HTTP 422 with problems).</summary>
    public const string DefinitionInvalid = "FORM_DEFINITION_INVALID";

    /// <summary>No form session with that id.</summary>
    public const string SessionNotFound = "FORM_SESSION_NOT_FOUND";

    /// <summary>The caller is not the session's insured person nor its admitted agent.</summary>
    public const string Forbidden = "FORM_FORBIDDEN";

    /// <summary>An agent acts before the insured accepted, or after the insured ended the agent's access.</summary>
    public const string AccessNotGranted = "FORM_ACCESS_NOT_GRANTED";

    /// <summary>The agent may start a form only from a chat or work item assigned to them.</summary>
    public const string NotAssigned = "FORM_NOT_ASSIGNED";

    /// <summary>No field (or repeating-group row) at that path in the session's definition.</summary>
    public const string UnknownField = "FORM_FIELD_UNKNOWN";

    /// <summary>The field is hidden or disabled right now; the edit changes nothing.</summary>
    public const string FieldNotEditable = "FORM_FIELD_NOT_EDITABLE";

    /// <summary>An agent tried to read or write a field marked sensitive.</summary>
    public const string FieldSensitive = "FORM_FIELD_SENSITIVE";

    /// <summary>A value of the wrong JSON shape for its field type (text for a number, an object for a date, too long).</summary>
    public const string ValueInvalid = "FORM_VALUE_INVALID";

    /// <summary>The operation id is missing, too long, or not 1–64 letters, digits, '-' or '_'.</summary>
    public const string OperationIdInvalid = "FORM_OPERATION_ID_INVALID";

    /// <summary>The session was submitted (or cancelled): it takes no more edits.</summary>
    public const string SessionClosed = "FORM_SESSION_CLOSED";

    /// <summary>The server's complete check found errors; nothing was submitted (the state lists them per field).</summary>
    public const string Invalid = "FORM_INVALID";

    /// <summary>Only the insured person submits their form.</summary>
    public const string SubmitInsuredOnly = "FORM_SUBMIT_INSURED_ONLY";

    /// <summary>A repeating group has reached its maximum number of rows.</summary>
    public const string TooManyRows = "FORM_TOO_MANY_ROWS";

    /// <summary>No submission for that session (not submitted yet).</summary>
    public const string SubmissionNotFound = "FORM_SUBMISSION_NOT_FOUND";

    /// <summary>Longest text value accepted for any field (characters).</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Most rows of any repeating group, whatever its definition says.</summary>
    public const int MaxRows = 50;
}
