namespace Kasse.Grains.EinmalPin.Results;

/// <summary>Read access to every issue of secrets, for the in-memory results reader only (the in-memory secret store implements it).</summary>
public interface IPinSecretScan
{
    IReadOnlyList<PinSecretRecord> ScanSecrets();
}
