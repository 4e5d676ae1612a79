namespace Kasse.Grains.EinmalPin;

/// <summary>
/// The server secret of the EinmalPIN procedure, kept outside the database (configuration <c>EinmalPin:ServerSecret</c>,
/// base64 of at least 32 bytes, the same on every silo; the embedded default and Development generate one in the
/// user's profile). Every key is derived from it by purpose (HKDF-SHA256), so no two uses share a key.
/// </summary>
public interface IPinServerSecret
{
    /// <summary>A key for one purpose, e.g. "pin-lookup", "case-session-token", "print-output:{batchId}".</summary>
    byte[] Derive(string purpose, int bytes = 32);
}
