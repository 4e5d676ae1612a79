namespace Kasse.Campaigns;

/// <summary>What came of a contact or an offer shown; the learning and the suppression rules feed on these.</summary>
public enum ContactOutcome
{
    Impression = 0,
    Click = 1,
    Accept = 2,
    Reject = 3,
    NoResponse = 4,
}
