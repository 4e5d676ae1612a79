using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Chat;

/// <summary>The cached references of the message path address the same grain, through the same interface, as Orleans' own.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class CachedGrainReferencesTests(EmbeddedHostFixture fixture)
{
    [Fact]
    public async Task A_cached_reference_is_the_reference_GetGrain_gives_for_every_key()
    {
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        foreach (var key in new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.Empty })
        {
            var cached = CachedGrainReferences<IConversationGrain>.Get(grains, key);
            var plain = grains.GetGrain<IConversationGrain>(key);

            Assert.Equal(plain.GetGrainId(), cached.GetGrainId());
            Assert.Equal(((GrainReference)plain).InterfaceType, ((GrainReference)cached).InterfaceType);
            Assert.Equal(key, cached.GetPrimaryKey());
            // And it reaches the grain: a conversation nobody started describes itself as none.
            Assert.Null(await cached.Describe());
        }
    }
}
