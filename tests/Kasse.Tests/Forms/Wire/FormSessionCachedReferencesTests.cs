using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Forms.Wire;

/// <summary>
/// The hubs' form session references (`CachedGrainReferences`, without Orleans' per-call interface lookup) address the
/// same grain through the same interface as <c>GetGrain&lt;IFormSessionGrain&gt;</c>, the first one and every later one.
/// </summary>
[Collection(FormsWireCollection.Name)]
public sealed class FormSessionCachedReferencesTests(EmbeddedHostFixture fixture)
{
    [Fact]
    public async Task A_reference_from_the_cache_is_the_one_GetGrain_makes_and_reaches_the_session()
    {
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        foreach (var sessionId in new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() })
        {
            var cached = (GrainReference)(object)CachedGrainReferences<IFormSessionGrain>.Get(grains, sessionId);
            var plain = (GrainReference)(object)grains.GetGrain<IFormSessionGrain>(sessionId);

            Assert.Equal(plain.GrainId, cached.GrainId);
            Assert.Equal(plain.InterfaceType, cached.InterfaceType);
            Assert.Equal(sessionId, cached.GetPrimaryKey());
            // A call through it reaches the grain: an unstarted session says so.
            Assert.Null(await ((IFormSessionGrain)cached).Describe());
        }
    }
}
