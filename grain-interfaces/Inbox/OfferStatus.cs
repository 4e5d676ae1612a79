namespace Kasse.Inbox;

/// <summary>The item's answer when an agent asks about an offer it holds a reservation for.</summary>
public enum OfferStatus
{
    /// <summary>The offer stands; keep the reservation.</summary>
    Live = 0,

    /// <summary>The offer was accepted by this agent: the reservation is an assignment.</summary>
    AssignedToYou = 1,

    /// <summary>The offer ended (declined, expired, never made and now too late to be made): release the reservation.</summary>
    Gone = 2,

    /// <summary>The item has not seen the offer, but it still could arrive: ask again after it expires.</summary>
    Pending = 3,
}
