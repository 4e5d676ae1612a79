using Kasse.Grains.Common;
using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>One Message-ID and the work item it belongs to; bound once, never rebound.</summary>
public sealed class MailThreadGrain(
    [PersistentState("mail-thread", StorageNames.Default)] IPersistentState<MailThreadGrain.State> state) : Grain, IMailThreadGrain
{
    public Task<string?> GetItem() => Task.FromResult(state.State.ItemId);

    public async Task<string> Bind(string itemId)
    {
        if (state.State.ItemId is { } bound)
            return bound;
        state.State.ItemId = itemId;
        await state.WriteOrDeactivateAsync(this);
        return itemId;
    }

    [GenerateSerializer, Alias("Kasse.Grains.Inbox.MailThreadGrain.State")]
    public sealed class State
    {
        [Id(0)] public string? ItemId { get; set; }
    }
}
