using System.Diagnostics;
using Kasse.Silo.Hosting;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Kasse.Tests.Foundation;

/// <summary>The host's OpenTelemetry pipeline collects Orleans and ASP.NET Core metrics and request traces.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Orleans_aspnetcore_and_npgsql_metrics_and_traces_reach_the_configured_exporter()
    {
        var exportedMetrics = new List<Metric>();
        var exportedTraces = new List<Activity>();
        var postgres = await PostgresServer.SharedAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Kasse"] = await postgres.CreateDatabaseAsync("telemetry"),
            // No exporter of the product's own: the test's in-memory one takes the traces.
            ["Telemetry:Traces"] = "true",
        };
        await using var host = await KasseTestHost.StartAsync(settings: settings, configure: builder => builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddInMemoryExporter(exportedMetrics))
            .WithTracing(t => t.AddInMemoryExporter(exportedTraces)));

        using var response = await host.Http.GetAsync("/health/ready");
        response.EnsureSuccessStatusCode();
        using (var insured = host.CreateClient(await host.SignInAsync("A123456780")))
            await Eventually.ReturnsAsync(() => insured.GetStringAsync("/api/me/profile"), _ => true, TimeSpan.FromSeconds(20), "own profile");
        // A hub call is a span of its own (the WebSocket request it travels on lasts for hours and is not traced).
        await using (var hub = host.CreateHubConnection("/hubs/customer", await host.SignInAsync("A123456780")))
        {
            await hub.StartAsync();
            await hub.InvokeAsync<IReadOnlyList<Kasse.Conversations.ConversationView>>("ListConversations");
        }
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        // The exporters keep appending (background polls query PostgreSQL): assert on a copy.
        var metrics = Snapshot(exportedMetrics);
        var traces = Snapshot(exportedTraces);

        Assert.Contains(metrics, m => m.MeterName == "Microsoft.Orleans");
        Assert.Contains(metrics, m => m.MeterName == "Microsoft.AspNetCore.Hosting" && m.Name == "http.server.request.duration");
        Assert.Contains(traces, a => a.Kind == ActivityKind.Server && a.DisplayName.Contains("/health/ready", StringComparison.Ordinal));
        // The readiness check queried PostgreSQL: Npgsql's meter and activity source are wired too.
        Assert.Contains(metrics, m => m.MeterName == "Npgsql");
        Assert.Contains(traces, a => a.Source.Name == "Npgsql");
        Assert.Contains(traces, a => a.Source.Name == "Microsoft.AspNetCore.SignalR.Server" && a.DisplayName.EndsWith("ListConversations", StringComparison.Ordinal));
        // Grain calls are traced, but no span names or tags the insured person's KVNR (the customer grain's key is a pseudonym).
        Assert.Contains(traces, a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.DoesNotContain(traces, a => a.DisplayName.Contains("A123456780", StringComparison.Ordinal)
            || a.TagObjects.Any(t => t.Value?.ToString()?.Contains("A123456780", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Without_an_exporter_no_tracer_provider_turns_every_call_into_an_activity()
    {
        await using var host = await KasseTestHost.StartAsync();

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
        // Nor does any grain call pass through a filter that carries a trace context nobody reads, or one that times it
        // for the dashboard while nobody asked for that.
        Assert.DoesNotContain(GrainCallFilterNames(host), name => name.Contains("ActivityPropagation", StringComparison.Ordinal));
        Assert.DoesNotContain(DashboardProfiling.FilterTypeName, GrainCallFilterNames(host));
    }

    [Fact]
    public async Task Dashboard_grain_profiling_and_trace_propagation_are_there_when_configured()
    {
        await using var host = await KasseTestHost.StartAsync(settings: new Dictionary<string, string>
        {
            [DashboardProfiling.Key] = "true",
            ["Telemetry:Traces"] = "true",
        });

        var names = GrainCallFilterNames(host);
        Assert.Contains(DashboardProfiling.FilterTypeName, names);
        Assert.Contains(names, name => name.EndsWith("ActivityPropagationIncomingGrainCallFilter", StringComparison.Ordinal));
        Assert.Contains(names, name => name.EndsWith("ActivityPropagationOutgoingGrainCallFilter", StringComparison.Ordinal));
    }

    private static List<string> GrainCallFilterNames(KasseTestHost host) =>
    [
        .. host.Services.GetServices<IIncomingGrainCallFilter>().Select(f => f.GetType().FullName!),
        .. host.Services.GetServices<IOutgoingGrainCallFilter>().Select(f => f.GetType().FullName!),
    ];

    /// <summary>A copy of a list another thread appends to: List.ToArray throws when the list grows during the copy.</summary>
    private static T[] Snapshot<T>(List<T> list)
    {
        while (true)
        {
            try
            {
                return list.ToArray();
            }
            catch (ArgumentException)
            {
                // grew while copying; copy again
            }
        }
    }
}
