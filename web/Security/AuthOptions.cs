namespace Kasse.Web.Security;

/// <summary>Configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>OpenID Connect authority that issues tokens in production (required outside Development).</summary>
    public string? Authority { get; set; }

    /// <summary>Expected audience of access tokens.</summary>
    public string Audience { get; set; } = "kasse";

    /// <summary>The public client (authorization code flow with PKCE) the browser UIs sign in with at the authority.</summary>
    public string BrowserClientId { get; set; } = "kasse-web";

    /// <summary>The scopes the browser UIs ask the authority for.</summary>
    public string BrowserScope { get; set; } = "openid profile";

    /// <summary>Allow an http:// authority (only for loopback test set-ups).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Base64 key for development tokens. Only read in Development; when empty the key comes from
    /// <see cref="DevelopmentSigningKeyFile"/>. A multi-silo development cluster sets the same key on every silo.
    /// </summary>
    public string? DevelopmentSigningKey { get; set; }

    /// <summary>
    /// Development only, without <see cref="DevelopmentSigningKey"/>: the file the generated key is kept in, so that a
    /// restart keeps sign-ins. Default (set by <see cref="AuthenticationSetup"/>) is
    /// <c>&lt;LocalApplicationData&gt;/kasse-orleans/dev-signing-key</c>; <c>none</c> makes a new key per process.
    /// </summary>
    public string? DevelopmentSigningKeyFile { get; set; }
}
