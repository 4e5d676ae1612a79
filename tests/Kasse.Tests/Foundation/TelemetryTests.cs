using System.Diagnostics;
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
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Kasse"] = await postgres.CreateDatabaseAsync("telemetry") };
        await using var host = await KasseTestHost.StartAsync(settings: settings, configure: builder => builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddInMemoryExporter(exportedMetrics))
            .WithTracing(t => t.AddInMemoryExporter(exportedTraces).SetSampler(new AlwaysOnSampler())));

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
