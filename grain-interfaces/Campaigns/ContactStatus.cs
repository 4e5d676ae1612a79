namespace Kasse.Campaigns;

/// <summary>The life of one contact slot in a customer's ledger.</summary>
public enum ContactStatus
{
    Reserved = 0,
    Confirmed = 1,
    Released = 2,
    Expired = 3,

    /// <summary>Reserved, then cancelled by an objection or withdrawn consent before it was confirmed.</summary>
    Revoked = 4,
}
