using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Kasse.Grains.EinmalPin.Secrets;

/// <summary>
/// Where the server secret comes from: <c>EinmalPin:ServerSecret</c> (base64, ≥ 32 bytes, the same on every silo of a
/// cluster). Without it: a random secret in memory when the data is in memory too (embedded mode), the file in the
/// user's profile in Development on PostgreSQL, and a refusal to start on PostgreSQL outside Development — a secret
/// lost or differing between silos would make every issued PIN unfindable.
/// </summary>
public static class PinServerSecretSource
{
    public const string Key = EinmalPinOptions.Section + ":ServerSecret";

    public static byte[] Load(IConfiguration configuration, bool postgres, bool development)
    {
        var configured = configuration[Key];
        if (!string.IsNullOrWhiteSpace(configured))
            return Parse(configured);
        if (!postgres)
            return RandomNumberGenerator.GetBytes(PinServerSecret.MinimumBytes);
        if (development)
            return PinServerSecretFile.LoadOrCreate(PinServerSecretFile.DefaultPath);
        throw new InvalidOperationException(
            $"{Key} is not set. With PostgreSQL outside Development every silo needs the same EinmalPIN server secret " +
            $"(base64 of at least {PinServerSecret.MinimumBytes} random bytes, e.g. `openssl rand -base64 32`), kept outside " +
            "the database; set it as configuration (environment variable EinmalPin__ServerSecret) and start again.");
    }

    private static byte[] Parse(string configured)
    {
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(configured.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Key} is not base64.");
        }
        return secret.Length >= PinServerSecret.MinimumBytes
            ? secret
            : throw new InvalidOperationException($"{Key} has {secret.Length} bytes; it needs at least {PinServerSecret.MinimumBytes}.");
    }
}
