using System.Security.Cryptography;

namespace Kasse.Grains.EinmalPin.Secrets;

/// <summary>
/// The development server secret kept in the user's profile, so that a restarted development silo on PostgreSQL still
/// finds its cases by PIN and reads its print outputs. Only this user may read the file (0600 on Unix).
/// </summary>
public static class PinServerSecretFile
{
    /// <summary><c>&lt;LocalApplicationData&gt;/kasse-orleans/einmalpin-secret</c> (e.g. ~/.local/share on Linux).</summary>
    public static string DefaultPath => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "kasse-orleans", "einmalpin-secret");

    /// <summary>The secret in the file, or a new random one written there first. Concurrent first starts agree on one.</summary>
    public static byte[] LoadOrCreate(string path)
    {
        if (TryRead(path) is { } existing)
            return existing;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var secret = RandomNumberGenerator.GetBytes(PinServerSecret.MinimumBytes);
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
        var secret = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return secret.Length >= PinServerSecret.MinimumBytes
            ? secret
            : throw new InvalidOperationException($"The EinmalPIN server secret in {path} is shorter than {PinServerSecret.MinimumBytes} bytes; delete the file.");
    }

    private static FileStream OwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }
}
