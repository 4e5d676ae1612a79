using System.Net;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Foundation;

/// <summary>
/// In Development without a configured key, the signing key is kept in a file in the user's profile, so a restarted
/// silo still accepts the sign-ins of open pages.
/// </summary>
public sealed class DevelopmentSigningKeyFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"kasse-dev-key-{Guid.NewGuid():N}");

    private string KeyFile => Path.Combine(_directory, "kasse-orleans", "dev-signing-key");

    [Fact]
    public async Task Token_from_before_a_restart_is_accepted_by_the_next_development_host()
    {
        var settings = new Dictionary<string, string> { ["Auth:DevelopmentSigningKeyFile"] = KeyFile };
        string token;
        await using (var first = await KasseTestHost.StartAsync(settings: settings))
            token = await first.SignInAsync("A123456780");

        Assert.True(File.Exists(KeyFile), "the key is kept in the file");
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));

        await using var second = await KasseTestHost.StartAsync(settings: settings);
        using var client = second.CreateClient(token);
        using var response = await client.GetAsync("/api/me/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
