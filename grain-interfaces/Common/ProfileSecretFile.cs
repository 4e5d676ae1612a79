using System.Security.Cryptography;

namespace Kasse;

/// <summary>
/// A random secret kept in a file of the user's profile (development only), so a restarted development silo keeps
/// what it signed or hashed before. Only this user may read the file (0600 on Unix). Used for the development signing
/// key and the development EinmalPIN server secret.
/// </summary>
public static class ProfileSecretFile
{
    /// <summary><c>&lt;LocalApplicationData&gt;/kasse-orleans/{name}</c> (e.g. ~/.local/share on Linux).</summary>
    public static string PathOf(string name) => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "kasse-orleans", name);

    /// <summary>
    /// The secret in the file, or a new random one of <paramref name="bytes"/> written there first. Concurrent first
    /// starts agree on one. <paramref name="what"/> names it in the error for a file that holds too short a secret.
    /// </summary>
    public static byte[] LoadOrCreate(string path, int bytes, string what)
    {
        if (TryRead(path, bytes, what) is { } existing)
            return existing;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var secret = RandomNumberGenerator.GetBytes(bytes);
        // Written beside the target and moved into place without overwriting: a process starting at the same moment
        // either wins the move or reads the winner's secret.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = OwnerOnly(temporary))
            using (var writer = new StreamWriter(stream))
                writer.Write(Convert.ToBase64String(secret));
            File.Move(temporary, path, overwrite: false);
            return secret;
        }
        catch (IOException) when (TryRead(path, bytes, what) is { } winner)
        {
            return winner;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[]? TryRead(string path, int bytes, string what)
    {
        if (!File.Exists(path))
            return null;
        var secret = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return secret.Length >= bytes
            ? secret
            : throw new InvalidOperationException($"The {what} in {path} is shorter than {bytes} bytes; delete the file.");
    }

    private static FileStream OwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }
}
