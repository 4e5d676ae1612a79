namespace Kasse.Inbox;

/// <summary>A refusal of an inbox grain with a stable code (see <see cref="InboxErrors"/>); nothing it refused has changed.</summary>
[GenerateSerializer, Alias("Kasse.Inbox.InboxException")]
public sealed class InboxException(string code, string message) : CodedException(code, message);
