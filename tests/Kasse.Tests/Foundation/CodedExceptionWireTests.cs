using Kasse.Conversations;
using Kasse.Inbox;
using Kasse.Rules;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Kasse.Tests.Foundation;

/// <summary>A grain's refusal crosses silos as what it is: its own type, code and German text.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class CodedExceptionWireTests(EmbeddedHostFixture fixture)
{
    public static TheoryData<CodedException> Refusals() =>
    [
        new ConversationException(ConversationErrors.Closed, "Das Gespräch ist beendet."),
        new RuleSetException(RuleSetErrors.NotADraft, "Nur Entwürfe lassen sich veröffentlichen."),
        new InboxException(InboxErrors.OfferGone, "Das Angebot gilt nicht mehr."),
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refusal_survives_serialization_with_its_type_code_and_text(CodedException refusal)
    {
        var serializer = fixture.Host.Services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(refusal));

        var coded = Assert.IsType<CodedException>(copy, exactMatch: false);
        Assert.Equal(refusal.GetType(), coded.GetType());
        Assert.Equal(refusal.Code, coded.Code);
        Assert.Equal(refusal.Message, coded.Message);
    }
}
