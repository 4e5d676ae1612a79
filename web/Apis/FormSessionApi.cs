using System.Security.Claims;
using Kasse.Forms;
using Kasse.Web.Documents;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// The parts of a form session that are files (docs/forms.md, "HTTP"): uploads into file fields, their download, and
/// the PDF control document of a submission. Everything else of a session goes over the hubs. The session grain
/// decides who may (the insured, or the admitted agent; staff reading a submission is audited).
/// </summary>
public static class FormSessionApi
{
    public static IEndpointRouteBuilder MapFormSessionApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/forms/sessions/{sessionId:guid}")
            .RequireAuthorization(KassePolicies.FormParticipant)
            .WithTags("Formulare")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound); // refusals by code, see docs/forms.md
        group.MapPost("/files", Upload)
            .DisableAntiforgery() // bearer tokens only: no ambient credentials a forged form could use
            .WithRequestBodyLimit(RequestBodyLimits.Attachment)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("PostFormFile")
            .WithSummary("Puts a file (PDF, JPEG or PNG by file signature, at most 10 MB) into a file field, like an edit. " +
                "Form fields: file, path (the field), operationId (idempotency key), baseVersion (the field's version the client saw). " +
                "Answers the edit result: Applied, Duplicate, or Conflict with the current field.");
        group.MapGet("/files/{fileId:guid}", Download)
            .WithName("GetFormFile")
            .WithSummary("Downloads a file of the session, served with its verified type as a download (audited for staff).");
        group.MapGet("/control-document.pdf", ControlDocument)
            .WithName("GetFormControlDocument")
            .WithSummary("The PDF control document of the submitted form: every answer, case reference, times, SHA-256 content hash; lang=en for English, German otherwise.");
        return endpoints;
    }

    private static async Task<Ok<FormEditResult>> Upload(
        Guid sessionId, [FromForm] string? path, [FromForm] string? operationId, [FromForm] long? baseVersion, IFormFile? file,
        ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!FormShapes.IsOperationId(operationId))
            throw new FormException(FormErrors.OperationIdInvalid, "Die Vorgangskennung muss 1–64 Buchstaben, Ziffern, - oder _ haben.");
        if (!FormShapes.IsPath(path))
            throw new FormException(FormErrors.UnknownField, "Dieses Feld gibt es im Formular nicht.");
        if (baseVersion is not >= 0)
            throw new FormException(ProblemCodes.InvalidInput, "Die Ausgangsversion des Feldes fehlt.");
        var data = await UploadedFiles.ReadAsync(file);
        return TypedResults.Ok(await grains.GetGrain<IFormSessionGrain>(sessionId)
            .UploadFile(user.ToParticipant(), path, operationId, baseVersion.Value, file!.FileName, data));
    }

    private static async Task<FileContentHttpResult> Download(
        Guid sessionId, Guid fileId, ClaimsPrincipal user, IGrainFactory grains, HttpContext context)
    {
        var content = await grains.GetGrain<IFormSessionGrain>(sessionId).GetFile(user.ToParticipant(), fileId);
        return UploadedFiles.Download(content, context);
    }

    private static async Task<FileContentHttpResult> ControlDocument(
        Guid sessionId, string? lang, ClaimsPrincipal user, IGrainFactory grains, FormControlDocumentPdf pdf, HttpContext context)
    {
        var submission = await grains.GetGrain<IFormSessionGrain>(sessionId).GetSubmission(user.ToParticipant());
        var texts = FormControlDocumentTexts.For(lang);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(pdf.Render(submission, texts), "application/pdf", texts.FileName(submission.CaseReference));
    }
}
