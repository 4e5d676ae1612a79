namespace Kasse.Grains.EinmalPin;

/// <summary>Settings of the EinmalPIN procedure (configuration section <c>EinmalPin</c>; docs/einmalpin.md).</summary>
public sealed class EinmalPinOptions
{
    public const string Section = "EinmalPin";

    /// <summary>The portal page the letter's link and QR code open; the link token is appended as <c>#t=…</c>.</summary>
    public string LinkBaseUrl { get; set; } = "http://localhost:5000/pin/";

    /// <summary>How long PIN and link stay valid after issue (the letter states the date).</summary>
    public TimeSpan SecretValidity { get; set; } = TimeSpan.FromDays(60);

    /// <summary>PBKDF2-SHA256 iterations for the PIN hash (at least 10,000).</summary>
    public int Pbkdf2Iterations { get; set; } = 10_000;

    /// <summary>How long the print output (with PINs in clear, encrypted at rest) may be fetched before it is purged.</summary>
    public TimeSpan PrintOutputValidity { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Failed logins on one case before it locks (an admin or a reissue unlocks).</summary>
    public int MaxFailedAttemptsPerCase { get; set; } = 5;

    /// <summary>Failed logins from one client address before it is locked out for <see cref="ClientLockout"/>.</summary>
    public int MaxFailedAttemptsPerClient { get; set; } = 20;

    public TimeSpan ClientLockout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first delay after a failure; it doubles with every further failure (per case and per client).</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a case session (after a successful login) lives without a new login.</summary>
    public TimeSpan CaseSessionLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
