using System.Security.Claims;
using Kasse.Conversations;
using Kasse.Web.Documents;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>The parts of a chat that are files: attachments up and down, and the PDF transcript.</summary>
public static class ConversationApi
{
    public static IEndpointRouteBuilder MapConversationApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/conversations/{conversationId:guid}")
            .RequireAuthorization(KassePolicies.ChatParticipant)
            .WithTags("Chat")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound); // refusals by code, see docs/http-api.md
        group.MapPost("/attachments", Upload)
            .DisableAntiforgery() // bearer tokens only: no ambient credentials a forged form could use
            .WithRequestBodyLimit(RequestBodyLimits.Attachment)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("PostAttachment")
            .WithSummary("Sends a message with one attachment (PDF, JPEG or PNG, at most 10 MB; the type is checked by file signature). " +
                "Form fields: clientMessageId (idempotency key), text (optional), file.");
        group.MapGet("/attachments/{attachmentId:guid}", Download)
            .WithName("GetAttachment")
            .WithSummary("Downloads an attachment, served with its verified type as a download.");
        group.MapGet("/transcript.pdf", Transcript)
            .WithName("GetTranscript")
            .WithSummary("The conversation as a PDF transcript; lang=en for English, German otherwise.");
        return endpoints;
    }

    private static async Task<Ok<PostAck>> Upload(
        Guid conversationId, [FromForm] string? clientMessageId, [FromForm] string? text, IFormFile? file,
        ClaimsPrincipal user, IGrainFactory grains)
    {
        var data = await UploadedFiles.ReadAsync(file);
        return TypedResults.Ok(await grains.GetGrain<IConversationGrain>(conversationId)
            .PostAttachment(user.ToParticipant(), clientMessageId ?? "", text, file!.FileName, data));
    }

    private static async Task<FileContentHttpResult> Download(
        Guid conversationId, Guid attachmentId, ClaimsPrincipal user, IGrainFactory grains, HttpContext context)
    {
        var attachment = await grains.GetGrain<IConversationGrain>(conversationId).GetAttachment(user.ToParticipant(), attachmentId);
        return UploadedFiles.Download(attachment, context);
    }

    private static async Task<FileContentHttpResult> Transcript(
        Guid conversationId, string? lang, ClaimsPrincipal user, IGrainFactory grains, TranscriptPdf pdf)
    {
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        var reader = user.ToParticipant();
        var view = await conversation.GetView(reader);
        var events = new List<ConversationEvent>();
        IReadOnlyList<ConversationEvent> page;
        do
        {
            page = await conversation.GetEventsAfter(reader, events.Count == 0 ? 0 : events[^1].Seq, IConversationGrain.MaxResumeBatch);
            events.AddRange(page);
        }
        while (page.Count > 0);
        var texts = TranscriptTexts.For(lang);
        return TypedResults.File(pdf.Render(view, events, texts), "application/pdf", texts.FileName(conversationId));
    }
}
