namespace Kasse.Silo.Hosting;

/// <summary>
/// Whether this silo runs the Orleans dashboard (<c>Telemetry:Dashboard</c>, default true). The dashboard collects the
/// Orleans meter and every silo's runtime statistics once a second whether or not an admin looks (about 8 ms of CPU per
/// second on an idle silo, docs/benchmarks.md); a deployment that reads metrics from its own collector may switch it off
/// on every silo, and <c>/dashboard</c> then answers 404.
/// </summary>
public static class DashboardSetting
{
    public const string Key = "Telemetry:Dashboard";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue(Key, true);
}
