using Kasse.Grains.Rules;
using Kasse.Rules;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kasse.Tests.Http;

/// <summary>An embedded-default host of its own whose log lines (Information and up) the tests
/// can read, with the shipped rule sets active.</summary>
public sealed class HttpApiFixture : IAsyncLifetime
{
    private KasseTestHost? _host;

    public KasseTestHost Host => _host ?? throw new InvalidOperationException("host not started");

    public CapturingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        _host = await KasseTestHost.StartAsync(
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information" },
            configure: builder => builder.Logging.AddProvider(Logs));
        // The shipped rule sets are published once at start; tests that compare before and after wait for that.
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
