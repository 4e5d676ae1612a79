using Kasse.Conversations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kasse.Web.Apis;

/// <summary>
/// What every file endpoint does alike (chat attachments, form file fields): read an upload within the attachment
/// limit, and serve a stored file with its verified type as a download. The grain checks the type by signature.
/// </summary>
internal static class UploadedFiles
{
    /// <summary>The bytes of <paramref name="file"/>; ATTACHMENT_MISSING without one, ATTACHMENT_TOO_LARGE above 10 MB.</summary>
    public static async Task<byte[]> ReadAsync(IFormFile? file)
    {
        if (file is null)
            throw new ConversationException(ConversationErrors.AttachmentMissing, "Bitte wählen Sie eine Datei aus.");
        if (file.Length > ConversationErrors.MaxAttachmentBytes)
            throw new ConversationException(ConversationErrors.AttachmentTooLarge, "Die Datei ist größer als 10 MB.");
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    /// <summary>A stored file as a download with its verified type; nosniff, so no browser guesses another type.</summary>
    public static FileContentHttpResult Download(AttachmentContent content, HttpContext context)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(content.Data, content.Info.ContentType, content.Info.FileName);
    }
}
