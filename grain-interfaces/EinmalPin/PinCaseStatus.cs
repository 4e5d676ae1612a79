namespace Kasse.EinmalPin;

/// <summary>
/// Where a case stands, as the core system sees it. Derived (docs/einmalpin.md): from the case's last event if any, else
/// from whether secrets were issued; <see cref="Expired"/> when the secrets expired before a submission.
/// </summary>
public enum PinCaseStatus
{
    Imported = 1,
    LetterExported = 2,
    Opened = 3,
    Submitted = 4,
    ClosedAutomatically = 5,
    WithClerk = 6,
    ClosedByClerk = 7,
    Expired = 8,
}
