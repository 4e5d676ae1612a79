using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Kasse.Silo.Hosting;

/// <summary>
/// A silo process ends within its grace period: the host's stop timeout (<c>shutdownTimeoutSeconds</c>) plus a few
/// seconds. Orleans gives up handing over grains when the timeout passes, but some of its stop stages wait for the
/// membership table on their own (a minute each when PostgreSQL is unreachable); past the deadline the process ends
/// itself rather than let the orchestrator kill it later. Armed only by the process entry point, never in a host that
/// shares its process with others (tests, benchmarks).
/// </summary>
public static partial class ShutdownDeadline
{
    /// <summary>Time beyond the host's stop timeout for flushing logs and closing connections.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    /// <summary>The exit code of a silo that had to end itself (as after SIGTERM that was not handled in time).</summary>
    public const int ExitCode = 143;

    public static void Arm(WebApplication app)
    {
        var timeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kasse.Shutdown");
        app.Lifetime.ApplicationStopping.Register(() => _ = Task.Run(async () =>
        {
            await Task.Delay(timeout + Margin);
            LogDeadlinePassed(logger, timeout + Margin);
            Console.Out.Flush();
            Environment.ExitCode = ExitCode;
            // Environment.Exit would wait for the host that is still stopping; the process ends now.
            Process.GetCurrentProcess().Kill();
        }));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown did not finish within {Deadline}; ending the process")]
    private static partial void LogDeadlinePassed(ILogger logger, TimeSpan deadline);
}
