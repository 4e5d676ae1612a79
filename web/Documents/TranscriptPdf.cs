using Kasse.Conversations;
using SkiaSharp;

namespace Kasse.Web.Documents;

/// <summary>
/// Renders a conversation as an A4 PDF transcript, in German or English (<see cref="TranscriptTexts"/>): header, then
/// every message in order. Times are the Kasse's local time (Europe/Berlin), named in the header and at every time.
/// </summary>
public sealed class TranscriptPdf(DocumentFonts fonts)
{
    private const float BodySize = 10.5f;
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public byte[] Render(ConversationView view, IReadOnlyList<ConversationEvent> events, TranscriptTexts texts)
    {
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = texts.Title(view.ConversationId.ToString()),
            Author = "Kasse.Orleans",
            Creation = DateTime.UtcNow,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        using (var writer = new PdfPageWriter(document, fonts.Regular))
        {
            writer.Line(texts.Title(view.Topic), 15f, bold: true);
            writer.Line(texts.Number(view.ConversationId), BodySize);
            if (view.CaseReference is not null)
                writer.Line(texts.Case(view.CaseReference), BodySize);
            writer.Line(texts.StartedAtWithState(Format(view.StartedAt, texts), texts.State(view.State)), BodySize);
            writer.Line(texts.TimeZoneNote, BodySize);
            writer.Gap();
            foreach (var e in events)
            {
                var text = Describe(e, texts);
                if (text is null)
                    continue;
                writer.Line($"{Format(e.At, texts)} · {e.SenderName}", 9f, bold: true);
                foreach (var paragraph in text.Split('\n'))
                    writer.Wrapped(paragraph, BodySize);
                writer.Gap(6f);
            }
        }
        return stream.ToArray();
    }

    private static string? Describe(ConversationEvent e, TranscriptTexts texts) => e.Kind switch
    {
        ConversationEventKind.Started => texts.Started(e.Text),
        ConversationEventKind.AgentJoined => texts.Joined,
        ConversationEventKind.Closed => texts.Closed,
        ConversationEventKind.Message when e.Attachment is { } a => $"{e.Text}\n{texts.Attachment(a.FileName, a.Size / 1024.0)}".TrimStart('\n'),
        ConversationEventKind.Message => e.Text,
        _ => null, // read receipts are not part of a transcript
    };

    /// <summary>"12.03.2026 14:05 MEZ": Berlin time with the zone it is in at that moment.</summary>
    private static string Format(DateTimeOffset at, TranscriptTexts texts)
    {
        var local = TimeZoneInfo.ConvertTime(at, Berlin);
        var zone = Berlin.IsDaylightSavingTime(at) ? texts.DaylightZone : texts.StandardZone;
        return $"{local.ToString(texts.DateFormat, texts.Culture)} {zone}";
    }
}
