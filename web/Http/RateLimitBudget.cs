namespace Kasse.Web.Http;

/// <summary>A token bucket: <see cref="PermitsPerSecond"/> requests per second on average, <see cref="Burst"/> at once.</summary>
public sealed class RateLimitBudget
{
    public int PermitsPerSecond { get; set; } = 100;

    public int Burst { get; set; } = 200;
}
