using Orleans.Concurrency;

namespace Kasse.Inbox;

/// <summary>
/// The service hours (<c>Inbox:ServiceHours</c>): whether insured persons may start a chat now, and when the service
/// opens next. Stateless: every silo answers from its configuration and clock (key 0).
/// </summary>
[Alias("Kasse.Inbox.IServiceHoursGrain")]
public interface IServiceHoursGrain : IGrainWithIntegerKey
{
    [Alias("GetStatus"), AlwaysInterleave]
    Task<ServiceStatus> GetStatus();

    /// <summary>Refuses with <c>OUTSIDE_SERVICE_HOURS</c> (and when the service opens next) while closed.</summary>
    [Alias("EnsureOpen"), AlwaysInterleave]
    Task EnsureOpen();
}
