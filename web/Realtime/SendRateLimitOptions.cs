namespace Kasse.Web.Realtime;

/// <summary>Configuration section <c>Realtime:SendRateLimit</c>: how fast one connection may send messages.</summary>
public sealed class SendRateLimitOptions
{
    public const string Section = "Realtime:SendRateLimit";

    /// <summary>Sustained messages per second and connection.</summary>
    public int TokensPerSecond { get; set; } = 10;

    /// <summary>Messages a connection may send at once before the sustained rate applies.</summary>
    public int Burst { get; set; } = 20;
}
