using Kasse.Conversations;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>A file uploaded into a session: the field path it was uploaded for, who uploaded it, and its content.</summary>
public sealed record FormFile(string Path, string UploadedBy, AttachmentContent Content);
