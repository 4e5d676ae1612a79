using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Chat;

/// <summary>The gateway's conversation references without per-call reflection are the ones Orleans' GetGrain builds.</summary>
public sealed class GuidGrainReferencesTests
{
    [Fact]
    public async Task A_reference_is_the_one_GetGrain_builds_and_reaches_the_same_grain()
    {
        await using var host = await KasseTestHost.StartAsync();
        var id = Guid.NewGuid();
        var built = host.Services.GetRequiredService<GuidGrainReferences<IConversationGrain>>().Get(id);
        var expected = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id);

        Assert.Equal(expected.GetGrainId(), built.GetGrainId());
        Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)built).InterfaceType);
        var insured = new Participant("A123456780", ParticipantRole.Insured, "Anna Bergmann");
        Assert.Equal(id, (await built.Start(insured, "Frage zum Beitrag", null)).ConversationId);
        Assert.Equal("Frage zum Beitrag", (await expected.GetView(insured)).Topic);
    }
}
