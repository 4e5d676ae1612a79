using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Grains.Conversations;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// Files of file fields: checked like chat attachments (type by signature, size), stored append-only under an id
/// derived from the operation id (a retry stores the same file), and set as the field's value like an edit.
/// </summary>
public sealed partial class FormSessionGrain
{
    public async Task<FormEditResult> UploadFile(Participant editor, string path, string operationId, long baseVersion, string fileName, byte[] data)
    {
        if (await CheckOperationAsync(editor, operationId, path) is { } earlier)
            return earlier;
        var parsed = FormPath.Parse(path) ?? throw UnknownField();
        if (parsed.IsRow || Model.Describe(path) is not { Type: FormFieldType.File })
            throw new FormException(FormErrors.ValueInvalid, "Dieses Feld nimmt keine Datei an.");
        // A stale upload is answered before anything is stored.
        if (S.VersionOf(path) != baseVersion)
            return Conflict(editor, path);
        var contentType = AttachmentPolicy.Validate(fileName, data);
        var info = new AttachmentInfo(FileIdOf(editor.UserId, operationId), AttachmentPolicy.CleanFileName(fileName), contentType, data.Length);
        await files.SaveAsync(Id, new FormFile(path, editor.UserId, new AttachmentContent(info, data)));
        var value = JsonSerializer.Serialize(new { fileId = info.AttachmentId, fileName = info.FileName, contentType = info.ContentType, size = info.Size });
        return await SetAsync(editor, new FormEdit(operationId, path, value, baseVersion), parsed, fromUpload: true);
    }

    public async Task<AttachmentContent> GetFile(Participant reader, Guid fileId)
    {
        await EnsureActorAsync(reader);
        var file = await files.LoadAsync(Id, fileId)
            ?? throw new FormException(ConversationErrors.AttachmentNotFound, "Diese Datei gibt es nicht.");
        if (reader.IsStaff)
        {
            if (IsSensitive(file.Path))
            {
                await AuditAsync(reader, "form.refused");
                throw new FormException(FormErrors.FieldSensitive, "Diese Datei gehört zu einem vertraulichen Feld.");
            }
            await AuditAsync(reader, "form.file.read");
        }
        return file.Content;
    }

    private Guid FileIdOf(string userId, string operationId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Id:N}\n{userId}\n{operationId}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
