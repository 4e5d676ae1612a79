using System.Security.Cryptography;
using System.Text;

namespace Kasse.Grains.EinmalPin;

/// <summary>Ids derived from a case number, so a retry (or another silo) finds the same session without a lookup.</summary>
public static class PinCaseIds
{
    /// <summary>
    /// The form session of a case: a name-based Guid (RFC 9562 version 8 layout, SHA-256 of <c>pin-case:{number}</c>),
    /// the same on every call and every silo.
    /// </summary>
    public static Guid FormSessionOf(string caseNumber)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("pin-case:" + caseNumber));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The user id of the insured in a case's form session and on the pin hub (never a KVNR).</summary>
    public static string InsuredUserIdOf(string caseNumber) => "pin:" + caseNumber;
}
