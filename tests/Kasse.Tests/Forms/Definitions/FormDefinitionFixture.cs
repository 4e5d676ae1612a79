using Kasse.Forms;
using Kasse.Grains.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>An embedded host of its own for tests that publish form definition versions, with the shipped forms active.</summary>
public sealed class FormDefinitionFixture : IAsyncLifetime
{
    private KasseTestHost? _host;

    public KasseTestHost Host => _host ?? throw new InvalidOperationException("host not started");

    public IFormModels Models => Host.Services.GetRequiredService<IFormModels>();

    public async Task InitializeAsync()
    {
        _host = await KasseTestHost.StartAsync();
        foreach (var name in FormNames.Shipped)
            await Eventually.ReturnsAsync(() => Models.GetActiveAsync(name), m => m.Version >= 1, TimeSpan.FromSeconds(30), $"shipped form {name} active");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }
}
