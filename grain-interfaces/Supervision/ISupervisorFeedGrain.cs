namespace Kasse.Supervision;

/// <summary>
/// The supervisors' live picture of every queue and agent (key <see cref="SupervisionStream.Key"/>). Fed by the
/// supervision stream; re-reads the queues' and desks' snapshots on activation, when it notices a lost stream event,
/// and every few minutes, because memory streams are not durable. Pushes changes to the supervisors watching.
/// </summary>
[Alias("Kasse.Supervision.ISupervisorFeedGrain")]
public interface ISupervisorFeedGrain : IGrainWithStringKey
{
    /// <summary>The whole picture; the user gets the changes pushed for a while (a lease renewed by each call).</summary>
    [Alias("Watch")]
    Task<SupervisorOverview> Watch(string userId);

    /// <summary>The whole picture, without watching.</summary>
    [Alias("GetOverview")]
    Task<SupervisorOverview> GetOverview();
}
