using System.Security.Claims;
using Kasse.EinmalPin;
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
/// The files of a case session (docs/einmalpin.md): uploads into the case form's file fields and the PDF control
/// document after submission. Only a case-session token opens these, and only for its own case: the form session is
/// the one the case grain names for the token's case session.
/// </summary>
public static class PinSessionApi
{
    public static IEndpointRouteBuilder MapPinSessionApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/einmalpin/session")
            .RequireAuthorization(KassePolicies.PinCase)
            .WithTags("EinmalPIN")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/files/{fieldPath}", Upload)
            .DisableAntiforgery() // bearer tokens only: no ambient credentials a forged form could use
            .WithRequestBodyLimit(RequestBodyLimits.Attachment)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("PostPinSessionFile")
            .WithSummary("Puts a file (PDF, JPEG or PNG by file signature, at most 10 MB; stored under a generated name) into a file field " +
                "of the case's form. Multipart fields: file; optional operationId (idempotency key) and baseVersion (the field's version " +
                "the client saw; the current one when left out). Answers the edit result: Applied, Duplicate, or Conflict.");
        group.MapGet("/control-document.pdf", ControlDocument)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetPinSessionControlDocument")
            .WithSummary("The PDF control document of the submitted case form; lang=en for English, German otherwise.");
        return endpoints;
    }

    private static async Task<Ok<FormEditResult>> Upload(
        string fieldPath, [FromForm] string? operationId, [FromForm] long? baseVersion, IFormFile? file, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = PinCaseCaller.Of(user);
        if (!FormShapes.IsPath(fieldPath))
            throw new FormException(FormErrors.UnknownField, "Dieses Feld gibt es im Formular nicht.");
        operationId ??= "upload-" + Guid.NewGuid().ToString("N");
        if (!FormShapes.IsOperationId(operationId))
            throw new FormException(FormErrors.OperationIdInvalid, "Die Vorgangskennung muss 1–64 Buchstaben, Ziffern, - oder _ haben.");
        if (baseVersion is < 0)
            throw new FormException(ProblemCodes.InvalidInput, "Die Ausgangsversion des Feldes darf nicht negativ sein.");
        var data = await UploadedFiles.ReadAsync(file);
        var form = grains.GetGrain<IFormSessionGrain>(await grains.GetGrain<IPinCaseGrain>(caller.CaseNumber).FormSessionOf(caller.CaseSessionId));
        var version = baseVersion ?? (await form.GetState(caller.Participant)).Fields.FirstOrDefault(f => f.Path == fieldPath)?.Version ?? 0;
        return TypedResults.Ok(await form.UploadFile(caller.Participant, fieldPath, operationId, version, file!.FileName, data));
    }

    private static async Task<FileContentHttpResult> ControlDocument(
        string? lang, ClaimsPrincipal user, IGrainFactory grains, FormControlDocumentPdf pdf, HttpContext context)
    {
        var caller = PinCaseCaller.Of(user);
        var sessionId = await grains.GetGrain<IPinCaseGrain>(caller.CaseNumber).SubmittedFormSessionOf(caller.CaseSessionId);
        var submission = await grains.GetGrain<IFormSessionGrain>(sessionId).GetSubmission(caller.Participant);
        var texts = FormControlDocumentTexts.For(lang);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(pdf.Render(submission, texts), "application/pdf", texts.FileName(submission.CaseReference));
    }
}
