using Kasse.Campaigns.Journey;
using Kasse.Silo;
using Kasse.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Kasse.Tests.Foundation;

/// <summary>
/// The Orleans section is bound to checked options: a wrong value stops the start and names its key; the memory streams'
/// queue count and poll interval come from <c>Orleans:Streams</c>.
/// </summary>
public sealed class SiloConfigurationTests
{
    [Theory]
    [InlineData("Orleans:AdvertisedIPAddress", "kein-host", "Orleans:AdvertisedIPAddress")]
    [InlineData("Orleans:SiloPort", "70000", "Orleans:SiloPort")]
    [InlineData("Orleans:GatewayPort", "0", "Orleans:GatewayPort")]
    [InlineData("Orleans:ClusterId", "", "Orleans:ClusterId")]
    [InlineData("Orleans:SiloPort", "elf", "Orleans")]
    [InlineData("Orleans:Streams:QueueCount", "0", "Orleans:Streams:QueueCount")]
    [InlineData("Orleans:Streams:PollInterval", "00:00:00", "Orleans:Streams:PollInterval")]
    [InlineData("Orleans:Streams:PollInterval", "bald", "Orleans:Streams")]
    public void A_wrong_silo_setting_refuses_to_start_and_names_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KasseServer.Create([$"--{key}", value]));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, 2, 500)]
    [InlineData("8", "00:00:00.100", 8, 100)]
    public async Task The_memory_streams_are_polled_with_the_configured_queue_count_and_interval(
        string? queueCount, string? pollInterval, int expectedQueues, int expectedMilliseconds)
    {
        List<string> args = ["--environment", "Development"];
        if (queueCount is not null)
            args.AddRange(["--Orleans:Streams:QueueCount", queueCount]);
        if (pollInterval is not null)
            args.AddRange(["--Orleans:Streams:PollInterval", pollInterval]);
        await using var app = KasseServer.Create([.. args]);

        foreach (var provider in new[] { SupervisionStream.Provider, JourneyStream.Provider })
        {
            var agent = app.Services.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(provider);
            var queues = app.Services.GetRequiredService<IOptionsMonitor<HashRingStreamQueueMapperOptions>>().Get(provider);
            Assert.Equal((provider, TimeSpan.FromMilliseconds(expectedMilliseconds)), (provider, agent.GetQueueMsgsTimerPeriod));
            Assert.Equal((provider, expectedQueues), (provider, queues.TotalQueueCount));
        }
    }

    [Fact]
    public void Silo_and_gateway_on_one_port_refuse_to_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KasseServer.Create(["--Orleans:SiloPort", "31000", "--Orleans:GatewayPort", "31000"]));
        Assert.Contains("Orleans:GatewayPort", error.Message, StringComparison.Ordinal);
    }
}
