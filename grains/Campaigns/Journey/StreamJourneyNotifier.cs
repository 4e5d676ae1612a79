using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>Publishes on the customer's stream of the <see cref="JourneyStream"/> memory streams provider.</summary>
public sealed class StreamJourneyNotifier(IServiceProvider services) : IJourneyNotifier
{
    public Task PublishAsync(JourneyEvent journeyEvent)
    {
        var provider = services.GetRequiredKeyedService<IStreamProvider>(JourneyStream.Provider);
        return provider.GetStream<JourneyEvent>(StreamId.Create(JourneyStream.Namespace, journeyEvent.CustomerKey)).OnNextAsync(journeyEvent);
    }
}
