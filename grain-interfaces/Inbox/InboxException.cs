namespace Kasse.Inbox;

/// <summary>A refusal of an inbox grain with a stable code (see <see cref="InboxErrors"/>); nothing it refused has changed.</summary>
[GenerateSerializer, Alias("Kasse.Inbox.InboxException")]
public sealed class InboxException : CodedException
{
    public InboxException()
    {
    }

    public InboxException(string message) : base(message)
    {
    }

    public InboxException(string message, Exception inner) : base(message, inner)
    {
    }

    public InboxException(string code, string message) : base(code, message)
    {
    }
}
