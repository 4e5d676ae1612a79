using Kasse.Customers;
using Kasse.Grains.Campaigns.Nba;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>
/// The real server (embedded default: memory stores, demo data) with the engine's customer seam replaced by
/// <see cref="SimulatedCustomers"/>; grains, HTTP and SignalR are the product's.
/// </summary>
public sealed class NbaHostFixture : IAsyncLifetime
{
    private KasseTestHost? _host;

    public SimulatedCustomers Customers { get; } = new();

    public KasseTestHost Host => _host ?? throw new InvalidOperationException("host not started");

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public CustomerPseudonyms Pseudonyms => Host.Services.GetRequiredService<CustomerPseudonyms>();

    public INbaDecisionLog DecisionLog => Host.Services.GetRequiredService<INbaDecisionLog>();

    public async Task InitializeAsync()
    {
        _host = await KasseTestHost.StartAsync(configure: builder => builder.Services.AddSingleton<INbaCustomers>(Customers));
        Customers.Chooser = _host.Services.GetRequiredService<NbaChooser>();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class NbaHostCollection : ICollectionFixture<NbaHostFixture>
{
    public const string Name = "nba host";
}
