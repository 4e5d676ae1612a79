using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kasse.Silo.Hosting;

/// <summary>
/// OpenTelemetry metrics and traces: Orleans (<c>Microsoft.Orleans</c> meter, runtime and application activity
/// sources), ASP.NET Core, SignalR, Npgsql. <c>Telemetry:Exporter</c> = <c>none</c> (default), <c>console</c> or
/// <c>otlp</c> (endpoint from the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
/// </summary>
public static class TelemetrySetup
{
    public static WebApplicationBuilder AddKasseTelemetry(this WebApplicationBuilder builder)
    {
        var exporter = builder.Configuration.GetValue("Telemetry:Exporter", "none")!.ToLowerInvariant();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("kasse-orleans", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.Http.Connections", "Npgsql", "Kasse");
                if (exporter == "console")
                    metrics.AddConsoleExporter();
                else if (exporter == "otlp")
                    metrics.AddOtlpExporter();
            })
            .WithTracing(tracing =>
            {
                // A WebSocket request lasts as long as its connection, for hours: its span would be held with its tags all that
                // time and exported only at the end. Hub method calls are traced one by one by SignalR's own source instead.
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !context.WebSockets.IsWebSocketRequest)
                    .AddNpgsql()
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.AspNetCore.SignalR.Server", "Kasse");
                if (exporter == "console")
                    tracing.AddConsoleExporter();
                else if (exporter == "otlp")
                    tracing.AddOtlpExporter();
                else
                {
                    // Nobody reads the spans: recording them anyway cost every grain call an Activity with its tags (a
                    // tenth of what a next-best-action decision allocated). A host that adds its own exporter sets a sampler.
                    tracing.SetSampler(new AlwaysOffSampler());
                }
            });
        return builder;
    }
}
