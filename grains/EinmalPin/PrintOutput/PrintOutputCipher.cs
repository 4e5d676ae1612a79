using System.Security.Cryptography;
using System.Text;
using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.PrintOutput;

/// <summary>
/// Seals the parts of one batch's print output with AES-256-GCM under a key derived from the server secret for that
/// batch, so the database alone never yields a PIN. A part is <c>nonce (12) | tag (16) | ciphertext</c>; batch, kind and
/// part number are the associated data, so parts cannot be swapped or moved between batches unnoticed.
/// </summary>
public sealed class PrintOutputCipher
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key;
    private readonly string _batchId;

    public PrintOutputCipher(IPinServerSecret serverSecret, string batchId)
    {
        _batchId = batchId;
        _key = serverSecret.Derive("print-output:" + batchId);
    }

    public byte[] Seal(PinPrintKind kind, int part, ReadOnlySpan<byte> plaintext)
    {
        var sealedPart = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedPart.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedPart.AsSpan(NonceBytes + TagBytes), sealedPart.AsSpan(NonceBytes, TagBytes), AssociatedData(kind, part));
        return sealedPart;
    }

    public byte[] Open(PinPrintKind kind, int part, byte[] sealedPart)
    {
        var plaintext = new byte[sealedPart.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(
            sealedPart.AsSpan(0, NonceBytes), sealedPart.AsSpan(NonceBytes + TagBytes), sealedPart.AsSpan(NonceBytes, TagBytes), plaintext,
            AssociatedData(kind, part));
        return plaintext;
    }

    private byte[] AssociatedData(PinPrintKind kind, int part) => Encoding.UTF8.GetBytes($"{_batchId}|{(int)kind}|{part}");
}
