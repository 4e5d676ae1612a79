using Kasse.Grains.Rules;
using Kasse.Rules;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Rules;

/// <summary>An embedded host of its own for tests that publish rule set versions, with the shipped defaults active.</summary>
public sealed class RuleSetFixture : IAsyncLifetime
{
    private KasseTestHost? _host;

    public KasseTestHost Host => _host ?? throw new InvalidOperationException("host not started");

    public async Task InitializeAsync()
    {
        _host = await KasseTestHost.StartAsync();
        var active = _host.Services.GetRequiredService<ActiveRuleSets>();
        await Eventually.ReturnsAsync(
            () => Task.FromResult(active.Versions.Count), n => n == RuleSetNames.All.Count, TimeSpan.FromSeconds(30), "shipped rule sets active");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }
}
