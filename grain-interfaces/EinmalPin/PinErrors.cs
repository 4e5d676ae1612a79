namespace Kasse.EinmalPin;

/// <summary>A refusal of the EinmalPIN API; the gateway turns it into problem details or a coded hub error.</summary>
[GenerateSerializer, Alias("Kasse.EinmalPin.PinException")]
public sealed class PinException(string code, string message) : CodedException(code, message);

/// <summary>Stable error codes of the EinmalPIN API (docs/einmalpin.md).</summary>
public static class PinErrors
{
    /// <summary>No case with that number.</summary>
    public const string CaseNotFound = "PIN_CASE_NOT_FOUND";

    /// <summary>A single case whose number exists with different data (HTTP 409).</summary>
    public const string CaseConflict = "PIN_CASE_CONFLICT";

    /// <summary>A single case that fails validation (HTTP 422 with the field errors).</summary>
    public const string CaseInvalid = "PIN_CASE_INVALID";

    /// <summary>
    /// Login refused: PIN or birth date wrong, unknown link, case locked, expired or used — one code and one text for
    /// all, so the answer never tells which factor was wrong (HTTP 401; <c>retryAfterSeconds</c> when a delay applies).
    /// </summary>
    public const string LoginRefused = "PIN_LOGIN_REFUSED";

    /// <summary>Too many attempts from this client address: wait (HTTP 429 with Retry-After).</summary>
    public const string Throttled = "PIN_THROTTLED";

    /// <summary>The case session expired, was replaced by a newer login, or the case was already submitted.</summary>
    public const string SessionInvalid = "PIN_SESSION_INVALID";

    /// <summary>No import job with that id.</summary>
    public const string ImportNotFound = "PIN_IMPORT_NOT_FOUND";

    /// <summary>The upload is not a CSV the importer reads (wrong header, empty, too large).</summary>
    public const string ImportInvalid = "PIN_IMPORT_INVALID";

    /// <summary>No letter batch with that id.</summary>
    public const string BatchNotFound = "PIN_BATCH_NOT_FOUND";

    /// <summary>The print output was purged (its fetch period ended) or is not produced yet.</summary>
    public const string PrintOutputGone = "PIN_PRINT_OUTPUT_GONE";
}
