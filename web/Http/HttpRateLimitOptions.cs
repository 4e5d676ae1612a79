namespace Kasse.Web.Http;

/// <summary>
/// Configuration section <c>Http:RateLimit</c>: how many HTTP requests a signed-in user, and a client address without
/// a valid token, may make. The defaults are far above what the UIs need (a page load makes a handful of calls).
/// </summary>
public sealed class HttpRateLimitOptions
{
    public const string Section = "Http:RateLimit";

    /// <summary>Per signed-in user (the token's <c>sub</c>), whichever address the requests come from.</summary>
    public RateLimitBudget PerUser { get; set; } = new();

    /// <summary>Per client address, for requests without a valid token (anonymous or refused).</summary>
    public RateLimitBudget PerAddress { get; set; } = new();
}
