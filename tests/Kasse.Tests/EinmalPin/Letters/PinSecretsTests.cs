using System.Buffers.Text;
using System.Security.Cryptography;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.EinmalPin.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>The letter's secrets: their entropy and alphabet, what is stored of them, and how they are checked.</summary>
public sealed class PinSecretsTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    internal static PinSecrets Create(byte[]? serverSecret = null, int iterations = 10_000) =>
        new(new PinServerSecret(serverSecret ?? RandomNumberGenerator.GetBytes(32)),
            Options.Create(new EinmalPinOptions { Pbkdf2Iterations = iterations, LinkBaseUrl = "https://kasse.example/pin/" }));

    [Fact]
    public void A_pin_has_thirteen_symbols_of_the_alphabet_without_look_alikes_and_at_least_64_bits()
    {
        for (var i = 0; i < 200; i++)
        {
            var pin = PinSecrets.NewPin();
            Assert.Equal(13, pin.Length);
            Assert.All(pin, c => Assert.Contains(c, PinFormat.Alphabet));
            Assert.Equal(pin, PinFormat.Normalize(PinFormat.Grouped(pin)));
        }
        Assert.True(PinFormat.Length * Math.Log2(PinFormat.Alphabet.Length) >= 64);
        foreach (var lookAlike in "01OIL")
            Assert.DoesNotContain(lookAlike, PinFormat.Alphabet);
    }

    [Fact]
    public void Rejection_sampling_draws_every_symbol_of_the_alphabet_about_equally_often()
    {
        var counts = new Dictionary<char, int>();
        const int Pins = 3_000;
        for (var i = 0; i < Pins; i++)
            foreach (var c in PinSecrets.NewPin())
                counts[c] = counts.GetValueOrDefault(c) + 1;
        Assert.Equal(PinFormat.Alphabet.Length, counts.Count);
        // 39,000 draws over 31 symbols: expected 1,258 each, standard deviation about 35, so every symbol lies within
        // six of them. A modulo bias over 256 would favour the first 8 symbols (256 mod 31 = 8) by 9/8: their mean
        // would exceed the others' by about 150, where chance gives a difference of about 14 (one deviation).
        var expected = Pins * PinFormat.Length / (double)PinFormat.Alphabet.Length;
        Assert.All(counts.Values, count => Assert.InRange(count, expected - 210, expected + 210));
        var favoured = PinFormat.Alphabet[..8].Average(c => counts[c]);
        var others = PinFormat.Alphabet[8..].Average(c => counts[c]);
        Assert.InRange(favoured - others, -75, 75);
    }

    [Fact]
    public void The_link_token_carries_128_random_bits_in_base64url_in_the_link_fragment()
    {
        var secrets = Create();
        var issued = secrets.Issue("V2026000001", 1, "b", IssuedAt);
        Assert.Equal(22, issued.LinkToken.Length);
        Assert.Equal(16, Base64Url.DecodeFromChars(issued.LinkToken).Length);
        Assert.Equal("https://kasse.example/pin/#t=" + issued.LinkToken, issued.Link);
        Assert.NotEqual(issued.LinkToken, secrets.Issue("V2026000001", 2, "b", IssuedAt).LinkToken);
    }

    [Fact]
    public void Only_hashes_are_stored_and_the_record_expires_after_the_validity()
    {
        var secrets = Create();
        var issued = secrets.Issue("V2026000001", 1, "batch-1", IssuedAt);
        var record = issued.Record;
        Assert.Equal(("V2026000001", 1, "batch-1"), (record.CaseNumber, record.IssueNo, record.BatchId));
        Assert.Equal(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(issued.LinkToken)), record.TokenHash);
        Assert.Equal(secrets.HashToken(issued.LinkToken), record.TokenHash);
        Assert.Equal(secrets.LookupOf(issued.Pin), record.PinLookup);
        Assert.Equal(16, record.PinSalt.Length);
        Assert.Equal(32, record.PinHash.Length);
        Assert.Equal(10_000, record.Iterations);
        Assert.Equal(IssuedAt.AddDays(60), record.ExpiresAt);
        Assert.Equal(
            Rfc2898DeriveBytes.Pbkdf2(System.Text.Encoding.ASCII.GetBytes(issued.Pin), record.PinSalt, 10_000, HashAlgorithmName.SHA256, 32),
            record.PinHash);
    }

    [Fact]
    public void The_right_pin_verifies_and_a_wrong_one_does_not()
    {
        var secrets = Create();
        var issued = secrets.Issue("V2026000001", 1, "b", IssuedAt);
        Assert.True(secrets.Verify(issued.Record, issued.Pin));
        var other = issued.Pin[..12] + (issued.Pin[12] == 'A' ? 'B' : 'A');
        Assert.False(secrets.Verify(issued.Record, other));
        secrets.VerifyNothing(issued.Pin); // the same work, no answer, no exception
    }

    [Fact]
    public void The_pin_lookup_is_the_same_with_the_same_server_secret_and_differs_with_another()
    {
        var serverSecret = RandomNumberGenerator.GetBytes(32);
        var pin = PinSecrets.NewPin();
        Assert.Equal(Create(serverSecret).LookupOf(pin), Create(serverSecret).LookupOf(pin));
        Assert.NotEqual(Create(serverSecret).LookupOf(pin), Create().LookupOf(pin));
    }

    [Fact]
    public void Fewer_than_10000_pbkdf2_iterations_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create(iterations: 9_999));
        Assert.Contains("Pbkdf2Iterations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_secret_keys_differ_by_purpose_and_a_short_secret_is_refused()
    {
        var secret = new PinServerSecret(RandomNumberGenerator.GetBytes(32));
        Assert.NotEqual(secret.Derive("pin-lookup"), secret.Derive("case-session-token"));
        Assert.Equal(secret.Derive("print-output:a"), secret.Derive("print-output:a"));
        Assert.Throws<ArgumentException>(() => new PinServerSecret(new byte[31]));
    }

    [Fact]
    public void Without_a_configured_secret_postgres_outside_development_refuses_and_memory_mode_makes_one()
    {
        var empty = new ConfigurationBuilder().Build();
        var error = Assert.Throws<InvalidOperationException>(() => PinServerSecretSource.Load(empty, postgres: true, development: false));
        Assert.Contains("EinmalPin:ServerSecret", error.Message, StringComparison.Ordinal);
        Assert.Equal(32, PinServerSecretSource.Load(empty, postgres: false, development: false).Length);

        var configured = RandomNumberGenerator.GetBytes(48);
        var withSecret = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["EinmalPin:ServerSecret"] = Convert.ToBase64String(configured) }).Build();
        Assert.Equal(configured, PinServerSecretSource.Load(withSecret, postgres: true, development: false));
        var tooShort = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["EinmalPin:ServerSecret"] = Convert.ToBase64String(new byte[16]) }).Build();
        Assert.Throws<InvalidOperationException>(() => PinServerSecretSource.Load(tooShort, postgres: true, development: false));
    }

    [Fact]
    public void The_development_secret_file_is_created_once_readable_by_the_owner_only()
    {
        var path = Path.Combine(Path.GetTempPath(), $"einmalpin-secret-{Guid.NewGuid():N}");
        try
        {
            var first = PinServerSecretFile.LoadOrCreate(path);
            Assert.Equal(first, PinServerSecretFile.LoadOrCreate(path));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
