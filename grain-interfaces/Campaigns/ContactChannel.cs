namespace Kasse.Campaigns;

/// <summary>
/// Where a contact with an insured person happens. Outbound channels (letter to phone) are pushed by the Kasse;
/// <see cref="Banner"/> and <see cref="AgentDesktop"/> are inbound: shown while the person is with us anyway.
/// </summary>
public enum ContactChannel
{
    Letter = 0,
    Email = 1,
    AppPush = 2,
    Sms = 3,
    Phone = 4,
    Banner = 5,
    AgentDesktop = 6,
}
