namespace Kasse.Web.Security;

/// <summary>
/// The development signing key kept in the user's profile, so that a restarted development silo still accepts the
/// tokens it signed before (open pages reconnect, sign-ins survive). Only this user may read the file (0600 on Unix).
/// </summary>
public static class DevelopmentSigningKeyFile
{
    /// <summary>The value of <c>Auth:DevelopmentSigningKeyFile</c> that keeps the key in memory only.</summary>
    public const string None = "none";

    private const int KeyBytes = 32;

    /// <summary><c>&lt;LocalApplicationData&gt;/kasse-orleans/dev-signing-key</c> (e.g. ~/.local/share on Linux).</summary>
    public static string DefaultPath => ProfileSecretFile.PathOf("dev-signing-key");

    /// <summary>The key in the file, or a new random key written there first. Concurrent first starts agree on one key.</summary>
    public static byte[] LoadOrCreate(string path) => ProfileSecretFile.LoadOrCreate(path, KeyBytes, "development signing key");
}
