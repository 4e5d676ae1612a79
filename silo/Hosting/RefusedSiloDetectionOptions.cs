namespace Kasse.Silo.Hosting;

/// <summary>The <c>Orleans:RefusedSiloDetection</c> section: how often <see cref="RefusedSiloDetector"/> looks.</summary>
public sealed class RefusedSiloDetectionOptions
{
    public const string Section = "Orleans:RefusedSiloDetection";

    /// <summary>How often each silo tries to connect to every other active silo's port; zero or less turns the check off.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The pause before the second attempt that confirms a refusal.</summary>
    public TimeSpan ConfirmAfter { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A connection attempt that has neither succeeded nor been refused by then counts as "no answer" (not a refusal).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
