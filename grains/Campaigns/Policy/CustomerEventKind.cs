namespace Kasse.Grains.Campaigns.Policy;

/// <summary>What a row of <c>customer_events</c> records; the customer grain is its only writer.</summary>
public enum CustomerEventKind
{
    ContactReserved = 0,
    ContactConfirmed = 1,
    ContactReleased = 2,
    ContactRevoked = 3,
    OutcomeRecorded = 4,
    ConsentChanged = 5,
}
