using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.PrintOutput;

/// <summary>The sealed parts of the print outputs (<c>pin_print_outputs</c>); written by the letter batch, deleted on purge.</summary>
public interface IPinPrintOutputStore
{
    Task AddPartsAsync(string batchId, PinPrintKind kind, IReadOnlyList<(int Part, byte[] Sealed)> parts, DateTimeOffset createdAt, DateTimeOffset availableUntil);

    /// <summary>One sealed part, or null past the last.</summary>
    Task<byte[]?> ReadPartAsync(string batchId, PinPrintKind kind, int part);

    Task SetAvailableUntilAsync(string batchId, DateTimeOffset availableUntil);

    /// <summary>Deletes every part of the batch (both kinds).</summary>
    Task DeleteAsync(string batchId);
}
