using System.ComponentModel.DataAnnotations;

namespace Kasse.Silo.Hosting;

/// <summary>
/// The <c>Orleans:Streams</c> section: how the memory streams (supervisor feed, journey notifications) are read. Each
/// queue has a pulling agent on some silo that asks its queue grain for messages every <see cref="PollInterval"/>,
/// whether or not anything was sent: Orleans' defaults (8 queues, 100 ms) made 160 grain calls and thread-pool wake-ups
/// per second for the two providers of an idle cluster. A poll that finds messages keeps reading until the queue is
/// empty, so the interval bounds the latency of the first message after a quiet spell, not the throughput.
/// </summary>
public sealed class StreamPollingOptions
{
    public const string Section = "Orleans:Streams";

    /// <summary>Queues per stream provider, spread over the silos; more only spreads the reading of a busy stream.</summary>
    [Range(1, 64)]
    public int QueueCount { get; set; } = 2;

    /// <summary>How often each queue is asked for messages while it is empty.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Binds and checks the section; a wrong value stops the start with the key that is wrong.</summary>
    public static StreamPollingOptions From(IConfiguration configuration) => CheckedSection.Bind<StreamPollingOptions>(configuration, Section, "stream");

    /// <summary>Applies the queue count and poll interval to one memory stream provider.</summary>
    public void ApplyTo(ISiloMemoryStreamConfigurator streams)
    {
        streams.ConfigurePartitioning(QueueCount);
        streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = PollInterval));
    }
}
