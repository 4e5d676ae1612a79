namespace Kasse.Silo.Hosting;

/// <summary>
/// The Orleans dashboard's grain profiler (calls and time per grain method, its "Grains" and "Methods" pages) wraps
/// every incoming grain call in a filter of its own, also while nobody looks at the dashboard. It is opt-in
/// (<c>Telemetry:DashboardProfiling</c> = true): operators read grain calls from the <c>Microsoft.Orleans</c> meter
/// (docs/operations.md, "Metrics and alerts"); the dashboard's other pages work either way.
/// </summary>
public static class DashboardProfiling
{
    public const string Key = "Telemetry:DashboardProfiling";

    /// <summary>The filter's type is internal to Orleans.Dashboard, so it is recognised by name (a test checks that it still is).</summary>
    public const string FilterTypeName = "Orleans.Dashboard.Implementation.GrainProfilerFilter";

    public static void RemoveUnlessEnabled(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue(Key, false))
            return;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IIncomingGrainCallFilter) && services[i].ImplementationType?.FullName == FilterTypeName)
                services.RemoveAt(i);
        }
    }
}
