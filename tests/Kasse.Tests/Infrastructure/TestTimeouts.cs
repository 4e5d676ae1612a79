using System.Globalization;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// The one place that decides how long tests wait. A wait ends as soon as what it waits for happens, so a generous
/// bound costs nothing when the suite passes; it only has to hold on a loaded 2-core machine. Every wait is at least
/// <see cref="MinimumWait"/>, and all of them grow with <c>KASSE_TEST_TIMEOUT_SCALE</c> (e.g. 3 on a very slow machine).
/// </summary>
public static class TestTimeouts
{
    public const string ScaleVariable = "KASSE_TEST_TIMEOUT_SCALE";

    /// <summary>The shortest bound a wait for a real event gets (a message, an activation, a page state).</summary>
    public static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(30);

    /// <summary>The factor from <see cref="ScaleVariable"/>; 1 when unset or not a number of at least 1.</summary>
    public static double Scale { get; } =
        double.TryParse(Environment.GetEnvironmentVariable(ScaleVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale >= 1
            ? scale
            : 1;

    /// <summary><paramref name="timeout"/> times <see cref="Scale"/>: for bounds that are already generous (start-up, HTTP).</summary>
    public static TimeSpan Scaled(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan ? timeout : timeout * Scale;

    /// <summary>A wait for an event: at least <see cref="MinimumWait"/>, times <see cref="Scale"/>.</summary>
    public static TimeSpan ForEvent(TimeSpan timeout) => Scaled(timeout < MinimumWait ? MinimumWait : timeout);
}
