using Kasse.Forms;
using SkiaSharp;

namespace Kasse.Web.Documents;

/// <summary>
/// Renders a submitted form as its A4 PDF control document, in German or English (<see cref="FormControlDocumentTexts"/>):
/// title, case reference, form and version, start and submission time (Europe/Berlin), who submitted, every answer
/// under its step's heading, and the SHA-256 content hash of the stored submission.
/// </summary>
public sealed class FormControlDocumentPdf(DocumentFonts fonts)
{
    private const float BodySize = 10.5f;
    private const float LabelSize = 9f;
    private const float StepSize = 12.5f;
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public byte[] Render(FormSubmissionDocument submission, FormControlDocumentTexts texts)
    {
        var formTitle = submission.FormTitle.In(texts.Language);
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{texts.Title(formTitle)} · {submission.CaseReference}",
            Subject = texts.Case(submission.CaseReference),
            Author = "Kasse.Orleans",
            Creation = DateTime.UtcNow,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        using (var writer = new PdfPageWriter(document, fonts.Regular))
        {
            writer.Wrapped(texts.Title(formTitle), 15f, bold: true);
            writer.Line(texts.Case(submission.CaseReference), BodySize, bold: true);
            writer.Line(texts.Form(submission.FormName, submission.FormVersion), BodySize);
            writer.Line(texts.Started(Format(submission.StartedAt, texts)), BodySize);
            writer.Wrapped(texts.Submitted(Format(submission.SubmittedAt, texts), submission.SubmittedByName), BodySize);
            writer.Line(texts.TimeZoneNote, LabelSize);
            writer.Gap(14f);
            writer.Line(texts.Answers, 13f, bold: true);
            if (submission.Answers.Count == 0)
                writer.Line(texts.NoAnswers, BodySize);
            string? step = null;
            foreach (var answer in submission.Answers)
            {
                var stepTitle = answer.Step.In(texts.Language);
                if (stepTitle != step)
                {
                    // A step heading never stands alone at the foot of a page.
                    writer.KeepTogether(60f);
                    writer.Gap(8f);
                    writer.Wrapped(stepTitle, StepSize, bold: true);
                    step = stepTitle;
                }
                writer.KeepTogether(32f);
                writer.Wrapped(answer.Label.In(texts.Language), LabelSize, bold: true, indent: 8f);
                foreach (var paragraph in answer.Value.Split('\n'))
                    writer.Wrapped(paragraph.TrimEnd('\r'), BodySize, indent: 8f);
                writer.Gap(4f);
            }
            writer.Gap(14f);
            writer.KeepTogether(60f);
            writer.Line(texts.HashHeading, BodySize, bold: true);
            writer.Wrapped(submission.ContentHash, BodySize);
            writer.Wrapped(texts.HashNote, LabelSize);
        }
        return stream.ToArray();
    }

    /// <summary>"12.03.2026 14:05 MEZ": Berlin time with the zone it is in at that moment.</summary>
    private static string Format(DateTimeOffset at, FormControlDocumentTexts texts)
    {
        var local = TimeZoneInfo.ConvertTime(at, Berlin);
        var zone = Berlin.IsDaylightSavingTime(at) ? texts.DaylightZone : texts.StandardZone;
        return $"{local.ToString(texts.DateFormat, texts.Culture)} {zone}";
    }
}
