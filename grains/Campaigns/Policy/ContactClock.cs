namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// The clock of contact decisions (windows, expiry, suppressions, quiet periods): a keyed <see cref="TimeProvider"/>
/// when one is registered under <see cref="Key"/>, the silo's clock otherwise. Tests move this clock by days; moving the
/// silo's own clock would mislead Orleans' membership.
/// </summary>
public static class ContactClock
{
    public const string Key = "kasse-contacts";
}
