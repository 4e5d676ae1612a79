namespace Kasse.EinmalPin;

/// <summary>
/// The cases per status and the STP rate (the admin page), kept by one grain (key 0): it owns the last tally and
/// derives each new one from it, so a count costs what changed since, not every case (docs/einmalpin.md, "Counts").
/// </summary>
[Alias("Kasse.EinmalPin.IPinStatusCountsGrain")]
public interface IPinStatusCountsGrain : IGrainWithIntegerKey
{
    [Alias("GetCounts")]
    Task<PinStatusCounts> GetCounts();
}
