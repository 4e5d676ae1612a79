namespace Kasse.Inbox;

/// <summary>One e-mail Message-ID: remembers the work item the message belongs to, so replies find their item.</summary>
[Alias("Kasse.Inbox.IMailThreadGrain")]
public interface IMailThreadGrain : IGrainWithStringKey
{
    /// <summary>The item this message belongs to, or null.</summary>
    [Alias("GetItem")]
    Task<string?> GetItem();

    /// <summary>Binds the message to an item unless it is bound already; returns the item it is bound to.</summary>
    [Alias("Bind")]
    Task<string> Bind(string itemId);
}
