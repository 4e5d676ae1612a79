using Kasse.Inbox;
using Orleans.Concurrency;

namespace Kasse.Grains.Inbox;

/// <summary>Answers from the configured <see cref="ServiceHoursCalendar"/> and the clock; one worker per silo as needed.</summary>
[StatelessWorker]
public sealed class ServiceHoursGrain(ServiceHoursCalendar calendar, TimeProvider clock) : Grain, IServiceHoursGrain
{
    public Task<ServiceStatus> GetStatus() => Task.FromResult(calendar.StatusAt(clock.GetUtcNow()));

    public Task EnsureOpen()
    {
        var status = calendar.StatusAt(clock.GetUtcNow());
        return status.Open ? Task.CompletedTask : throw new InboxException(InboxErrors.OutsideServiceHours, status.Message);
    }
}
