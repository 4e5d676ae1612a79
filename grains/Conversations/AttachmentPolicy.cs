using Kasse.Conversations;

namespace Kasse.Grains.Conversations;

/// <summary>
/// Which files a conversation accepts (OWASP file upload rules): an allow-list of types recognised by their
/// signature, never by name or declared type; a size limit; a generated storage id; a cleaned display name.
/// </summary>
public static class AttachmentPolicy
{
    private static readonly (string ContentType, byte[] Signature)[] Allowed =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    /// <summary>The verified content type, or null when the bytes are none of the allowed types.</summary>
    public static string? DetectContentType(ReadOnlySpan<byte> data)
    {
        foreach (var (contentType, signature) in Allowed)
        {
            if (data.StartsWith(signature))
                return contentType;
        }
        return null;
    }

    public static string Validate(string fileName, byte[] data)
    {
        if (data.Length == 0)
            throw new ConversationException(ConversationErrors.AttachmentEmpty, "Die Datei ist leer.");
        if (data.Length > ConversationErrors.MaxAttachmentBytes)
            throw new ConversationException(ConversationErrors.AttachmentTooLarge, "Die Datei ist größer als 10 MB.");
        return DetectContentType(data)
            ?? throw new ConversationException(ConversationErrors.AttachmentType, "Erlaubt sind nur PDF-, JPEG- und PNG-Dateien.");
    }

    /// <summary>A display name without paths or control characters, at most 120 characters.</summary>
    public static string CleanFileName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/')).ToArray());
        if (name.Length > 120)
            name = name[^120..];
        return name.Length == 0 ? "Anhang" : name;
    }
}
