namespace Kasse.Inbox;

/// <summary>
/// E-mail from the mail gateway: a reply (In-Reply-To, References naming a known Message-ID) is threaded into the
/// existing item; anything else becomes a new item keyed by the gateway's id. Delivering the same mail twice is harmless.
/// </summary>
[Alias("Kasse.Inbox.IMailIntakeGrain")]
public interface IMailIntakeGrain : IGrainWithIntegerKey
{
    [Alias("Receive")]
    Task<MailIntakeResult> Receive(string externalId, NewWorkItem item, IReadOnlyList<string> inReplyTo);
}

/// <summary>The item the mail landed in, and whether it was threaded into an existing one.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Inbox.MailIntakeResult")]
public sealed record MailIntakeResult(
    [property: Id(0)] WorkItemView Item,
    [property: Id(1)] bool Threaded);
