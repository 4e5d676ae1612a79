using Kasse.Inbox;
using Orleans.Concurrency;

namespace Kasse.Grains.Inbox;

/// <summary>Answers from the configured <see cref="ServiceHoursCalendar"/>; one worker per silo as needed.</summary>
[StatelessWorker]
public sealed class ServiceHoursGrain(ServiceHoursCalendar calendar) : Grain, IServiceHoursGrain
{
    public Task<ServiceStatus> GetStatus() => Task.FromResult(calendar.Now());

    public Task EnsureOpen()
    {
        var status = calendar.Now();
        return status.Open ? Task.CompletedTask : throw new InboxException(InboxErrors.OutsideServiceHours, status.Message);
    }
}
