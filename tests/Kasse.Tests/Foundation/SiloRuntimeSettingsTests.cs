using System.Text.Json;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Foundation;

/// <summary>The runtime settings the silo host ships with (its runtimeconfig.json), chosen by measurement.</summary>
public sealed class SiloRuntimeSettingsTests
{
    [Theory]
    // Idle thread-pool workers do not spin (CPU per chat message and idle CPU on 2 shared cores).
    [InlineData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", "0")]
    // No instrumented tier (a cold silo fell behind at 500 routed items/s).
    [InlineData("System.Runtime.TieredPGO", "false")]
    public void The_silo_host_is_configured_with(string setting, string value)
    {
        var runtimeConfig = Path.ChangeExtension(RepositoryPaths.SiloAssembly, ".runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty(setting, out var actual), $"{setting} is missing from {runtimeConfig}");
        Assert.Equal(value, actual.ToString(), ignoreCase: true);
    }
}
