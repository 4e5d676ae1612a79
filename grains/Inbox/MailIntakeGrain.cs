using Kasse.Inbox;
using Orleans.Concurrency;

namespace Kasse.Grains.Inbox;

/// <summary>
/// Threads incoming e-mail: the first known Message-ID among In-Reply-To and References (newest first) names the item;
/// otherwise the mail opens a new item keyed by the gateway's id. The mail's own Message-ID is bound to the item, so
/// the next reply finds it. The Message-ID is bound before the item is created: a retry after a failure in between
/// finds the same item id and completes the creation.
/// </summary>
[StatelessWorker]
public sealed class MailIntakeGrain : Grain, IMailIntakeGrain
{
    public async Task<MailIntakeResult> Receive(string externalId, NewWorkItem item, IReadOnlyList<string> inReplyTo)
    {
        var message = item.FirstMessage ?? throw new InboxException(InboxErrors.Invalid, "Die E-Mail fehlt.");
        foreach (var reference in inReplyTo)
        {
            if (await Thread(reference).GetItem() is not { } existing)
                continue;
            var threaded = await GrainFactory.GetGrain<IWorkItemGrain>(existing).AddMessage(message);
            if (message.MessageId is { } messageId)
                await Thread(messageId).Bind(existing);
            return new MailIntakeResult(threaded, true);
        }
        var itemId = WorkItemKeys.External(WorkChannel.Email, externalId);
        if (message.MessageId is { } ownId)
        {
            var bound = await Thread(ownId).Bind(itemId);
            if (bound != itemId)
                return new MailIntakeResult(await GrainFactory.GetGrain<IWorkItemGrain>(bound).AddMessage(message), true);
        }
        return new MailIntakeResult(await GrainFactory.GetGrain<IWorkItemGrain>(itemId).Create(item), false);
    }

    private IMailThreadGrain Thread(string messageId) => GrainFactory.GetGrain<IMailThreadGrain>(messageId);
}
