namespace Kasse.Grains.EinmalPin.Secrets;

/// <summary>
/// The development server secret kept in the user's profile, so that a restarted development silo on PostgreSQL still
/// finds its cases by PIN and reads its print outputs (<see cref="ProfileSecretFile"/>).
/// </summary>
public static class PinServerSecretFile
{
    /// <summary><c>&lt;LocalApplicationData&gt;/kasse-orleans/einmalpin-secret</c> (e.g. ~/.local/share on Linux).</summary>
    public static string DefaultPath => ProfileSecretFile.PathOf("einmalpin-secret");

    public static byte[] LoadOrCreate(string path) =>
        ProfileSecretFile.LoadOrCreate(path, PinServerSecret.MinimumBytes, "EinmalPIN server secret");
}
