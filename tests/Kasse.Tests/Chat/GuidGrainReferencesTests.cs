using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Chat;

/// <summary>The gateway's conversation references without per-call reflection are the ones Orleans' GetGrain builds.</summary>
public sealed class GuidGrainReferencesTests
{
    private static readonly Participant Insured = new("A123456780", ParticipantRole.Insured, "Anna Bergmann");

    [Fact]
    public async Task A_reference_is_the_one_GetGrain_builds_and_reaches_the_same_grain()
    {
        await using var host = await KasseTestHost.StartAsync();
        var references = host.Services.GetRequiredService<GuidGrainReferences<IConversationGrain>>();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var id = Guid.NewGuid();

        var built = references.Get(id);
        var expected = grains.GetGrain<IConversationGrain>(id);

        Assert.Equal(expected.GetGrainId(), built.GetGrainId());
        Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)built).InterfaceType);
        var started = await built.Start(Insured, "Frage zum Beitrag", null);
        Assert.Equal(id, started.ConversationId);
        Assert.Equal("Frage zum Beitrag", (await expected.GetView(Insured)).Topic);
    }
}
