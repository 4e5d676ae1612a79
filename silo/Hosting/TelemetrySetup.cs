using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kasse.Silo.Hosting;

/// <summary>
/// OpenTelemetry metrics and traces: Orleans (<c>Microsoft.Orleans</c> meter, runtime and application activity
/// sources), ASP.NET Core, SignalR, Npgsql. <c>Telemetry:Exporter</c> = <c>none</c> (default), <c>console</c> or
/// <c>otlp</c> (endpoint from the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>). Traces are collected only when
/// something takes them (<c>Telemetry:Traces</c>, default: on when an exporter is set): a tracer provider samples every
/// hub call, grain call and query into an activity, which without an exporter is work for nothing on every call.
/// </summary>
public static class TelemetrySetup
{
    public static WebApplicationBuilder AddKasseTelemetry(this WebApplicationBuilder builder)
    {
        var exporter = Exporter(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("kasse-orleans", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.Http.Connections", "Npgsql", "Kasse");
                if (exporter == "console")
                    metrics.AddConsoleExporter();
                else if (exporter == "otlp")
                    metrics.AddOtlpExporter();
            });
        if (!TracesCollected(builder.Configuration))
            return builder;
        telemetry.WithTracing(tracing =>
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
            });
        return builder;
    }

    /// <summary>
    /// Whether traces are collected (<c>Telemetry:Traces</c>, default: when an exporter is set). Only then do grain calls
    /// carry the trace context (<see cref="OrleansSetup"/>): without a listener, propagating it is two filters' work
    /// on every grain call for nothing.
    /// </summary>
    public static bool TracesCollected(IConfiguration configuration) =>
        configuration.GetValue("Telemetry:Traces", Exporter(configuration) != "none");

    private static string Exporter(IConfiguration configuration) =>
        configuration.GetValue("Telemetry:Exporter", "none")!.ToLowerInvariant();
}
