using Kasse.Inbox;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Orleans.Core.Internal;

namespace Kasse.Tests.Inbox;

/// <summary>
/// SLA escalation in the PostgreSQL configuration (grain state, reminders and history on a throwaway database): an
/// item whose activation is gone before its deadline is brought back by its stored reminder and still escalates.
/// </summary>
public sealed class DurableSlaEscalationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Item_deactivated_before_its_deadline_is_still_warned_and_escalated_by_its_reminder()
    {
        await using var inbox = await InboxCluster.StartAsync(silos: 1, postgres: true, offerTimeout: TimeSpan.FromSeconds(5));
        var id = WorkItemKeys.External(WorkChannel.Email, Guid.NewGuid().ToString("N"));
        var item = inbox.Grains.GetGrain<IWorkItemGrain>(id);
        // A queue nobody serves: nothing but the item's own deadlines can wake it.
        await item.Create(new NewWorkItem(WorkChannel.Email, null, "Anliegen", ["niemand-" + Guid.NewGuid().ToString("N")[..8]],
            Priority: 3, SlaDeadline: DateTimeOffset.UtcNow.AddSeconds(8)));

        // The durable wake-up is stored with the item.
        Assert.Equal(1, await StorageTestSilo.ScalarAsync<long>(
            inbox.ConnectionString!, "SELECT count(*) FROM orleans_reminder WHERE reminder_name = 'deadlines' AND grain_id LIKE @id", ("id", "%" + id + "%")));

        // The activation goes, and with it every timer; the test does not call the item again.
        await item.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        await Eventually.ReturnsAsync(() => CountAsync(inbox, id, WorkItemEventKind.Escalated), n => n == 1, Timeout, "the escalation of the deactivated item");
        Assert.Equal(1, await CountAsync(inbox, id, WorkItemEventKind.SlaWarning));
        var view = await item.GetView();
        Assert.Equal(2, view!.Priority);
        Assert.True(view.Escalated);
    }

    private static Task<long> CountAsync(InboxCluster inbox, string itemId, WorkItemEventKind kind) =>
        StorageTestSilo.ScalarAsync<long>(
            inbox.ConnectionString!, "SELECT count(*) FROM work_item_events WHERE item_id = @item AND kind = @kind", ("item", itemId), ("kind", (short)kind));
}
