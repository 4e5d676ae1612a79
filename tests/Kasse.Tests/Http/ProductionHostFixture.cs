using System.Security.Cryptography;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Http;

/// <summary>One host in the Production environment, trusting an OpenID Connect authority on a loopback port nobody listens on.</summary>
public sealed class ProductionHostFixture : IAsyncLifetime
{
    private KasseTestHost? _host;

    public KasseTestHost Host => _host ?? throw new InvalidOperationException("host not started");

    public string AuthorityOrigin { get; } = $"http://127.0.0.1:{FreePorts.Next()}";

    public async Task InitializeAsync() => _host = await KasseTestHost.StartAsync("Production", new Dictionary<string, string>
    {
        ["Auth:Authority"] = AuthorityOrigin + "/realms/kasse",
        ["Auth:RequireHttpsMetadata"] = "false",
        ["Privacy:PseudonymKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    });

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }
}
