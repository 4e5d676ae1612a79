namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// Read access to every imported case, for the in-memory results reader only: the in-memory case store implements it
/// (PostgreSQL reads the tables directly).
/// </summary>
public interface IPinCaseScan
{
    IReadOnlyList<StoredPinCase> ScanCases();
}
