using Kasse.Conversations;
using SkiaSharp;

namespace Kasse.Web.Documents;

/// <summary>
/// Renders a conversation as an A4 PDF transcript, in German or English (<see cref="TranscriptTexts"/>): header, then
/// every message in order. Times are the Kasse's local time (Europe/Berlin), named in the header and at every time.
/// </summary>
public sealed class TranscriptPdf(DocumentFonts fonts)
{
    private const float PageWidth = 595f;
    private const float PageHeight = 842f;
    private const float Margin = 56f;
    private const float BodySize = 10.5f;
    private const float LineHeight = 15f;
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
        using (var writer = new PageWriter(document, fonts.Regular))
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

    /// <summary>Lays out lines top to bottom and starts a new page when one is full.</summary>
    private sealed class PageWriter(SKDocument document, SKTypeface typeface) : IDisposable
    {
        private SKCanvas? _canvas;
        private float _y;

        public void Line(string text, float size, bool bold = false)
        {
            var canvas = EnsureRoom();
            using var font = new SKFont(typeface, size) { Embolden = bold };
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(text, Margin, _y, SKTextAlign.Left, font, paint);
            _y += Math.Max(LineHeight, size * 1.4f);
        }

        public void Wrapped(string text, float size)
        {
            using var font = new SKFont(typeface, size);
            var width = PageWidth - 2 * Margin;
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width || line.Length == 0)
                {
                    line = candidate;
                    continue;
                }
                Line(line, size);
                line = word;
            }
            Line(line, size);
        }

        public void Gap(float height = 10f) => _y += height;

        private SKCanvas EnsureRoom()
        {
            if (_canvas is null || _y > PageHeight - Margin)
            {
                if (_canvas is not null)
                    document.EndPage();
                _canvas = document.BeginPage(PageWidth, PageHeight);
                _y = Margin;
            }
            return _canvas;
        }

        public void Dispose()
        {
            if (_canvas is not null)
                document.EndPage();
            document.Close();
        }
    }
}
