using Kasse.Conversations;
using Kasse.Web.Documents;
using UglyToad.PdfPig;

namespace Kasse.Tests.Chat;

/// <summary>The transcript shows Berlin time and says so, while the page shows the browser's own time.</summary>
public sealed class TranscriptTimeZoneTests
{
    private static readonly Guid ConversationId = Guid.Parse("6f1c2b1e-2d7a-4a51-9a35-0e6f4f0c9b11");

    [Fact]
    public void Transcript_names_the_zone_of_its_times_in_the_header_and_at_every_time()
    {
        // 11:30 UTC in winter is 12:30 MEZ; 11:30 UTC in summer is 13:30 MESZ.
        var winter = new DateTimeOffset(2026, 1, 15, 11, 30, 0, TimeSpan.Zero);
        var summer = new DateTimeOffset(2026, 7, 15, 11, 30, 0, TimeSpan.Zero);

        var german = Render(TranscriptTexts.German, winter, summer);
        Assert.Contains("Alle Zeiten in deutscher Zeit: MEZ/MESZ (Europe/Berlin).", german, StringComparison.Ordinal);
        Assert.Contains("15.01.2026 12:30 MEZ", german, StringComparison.Ordinal);
        Assert.Contains("15.07.2026 13:30 MESZ", german, StringComparison.Ordinal);

        var english = Render(TranscriptTexts.English, winter, summer);
        Assert.Contains("All times in German time: CET/CEST (Europe/Berlin).", english, StringComparison.Ordinal);
        Assert.Contains("15/01/2026 12:30 CET", english, StringComparison.Ordinal);
        Assert.Contains("15/07/2026 13:30 CEST", english, StringComparison.Ordinal);
    }

    private static string Render(TranscriptTexts texts, DateTimeOffset startedAt, DateTimeOffset answeredAt)
    {
        var view = new ConversationView(ConversationId, "Beiträge", null, ConversationState.Active, "A123456780", ["agent-mueller"], 2, startedAt);
        ConversationEvent[] events =
        [
            new(ConversationId, 1, ConversationEventKind.Started, "A123456780", ParticipantRole.Insured, "Anna Bergmann", null, "Beiträge", startedAt),
            new(ConversationId, 2, ConversationEventKind.Message, "agent-mueller", ParticipantRole.Agent, "Sabine Müller", "c-1", "Guten Tag", answeredAt),
        ];
        var bytes = new TranscriptPdf(new DocumentFonts(null)).Render(view, events, texts);
        using var pdf = PdfDocument.Open(bytes);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
