namespace Kasse.Campaigns;

/// <summary>Why the customer grain refused a contact (<see cref="None"/> when it was granted).</summary>
public enum ContactRefusal
{
    None = 0,
    Objection = 1,
    NoAdvertisingConsent = 2,
    ChannelNotAllowed = 3,
    LimitReached = 4,
    Suppressed = 5,
    QuietPeriod = 6,
    UnknownCustomer = 7,
}
