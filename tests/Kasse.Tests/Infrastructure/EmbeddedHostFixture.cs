namespace Kasse.Tests.Infrastructure;

/// <summary>One embedded-default host (no configuration: memory storage, demo data) shared by a test collection.</summary>
public sealed class EmbeddedHostFixture : IAsyncLifetime
{
    private KasseTestHost? _host;

    public KasseTestHost Host => _host ?? throw new InvalidOperationException("host not started");

    public async Task InitializeAsync() => _host = await KasseTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedHostCollection : ICollectionFixture<EmbeddedHostFixture>
{
    public const string Name = "embedded host";
}
