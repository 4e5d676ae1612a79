using System.Security.Cryptography;

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
    public static string DefaultPath => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "kasse-orleans", "dev-signing-key");

    /// <summary>The key in the file, or a new random key written there first. Concurrent first starts agree on one key.</summary>
    public static byte[] LoadOrCreate(string path)
    {
        if (TryRead(path) is { } existing)
            return existing;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        // Written beside the target and moved into place without overwriting: a process starting at the same moment
        // either wins the move or reads the winner's key.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = OwnerOnly(temporary))
            using (var writer = new StreamWriter(stream))
                writer.Write(Convert.ToBase64String(key));
            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException) when (TryRead(path) is { } winner)
        {
            return winner;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[]? TryRead(string path)
    {
        if (!File.Exists(path))
            return null;
        var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return key.Length >= KeyBytes
            ? key
            : throw new InvalidOperationException($"The development signing key in {path} is shorter than {KeyBytes} bytes; delete the file.");
    }

    private static FileStream OwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }
}
