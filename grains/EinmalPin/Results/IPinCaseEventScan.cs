namespace Kasse.Grains.EinmalPin.Results;

/// <summary>Read access to every case event, for the in-memory results reader only (the in-memory case event store implements it).</summary>
public interface IPinCaseEventScan
{
    IReadOnlyList<PinCaseEventRecord> ScanEvents();
}
