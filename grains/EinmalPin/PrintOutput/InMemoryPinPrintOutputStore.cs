using System.Collections.Concurrent;
using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.PrintOutput;

/// <summary>Sealed print output parts in memory (embedded mode).</summary>
public sealed class InMemoryPinPrintOutputStore : IPinPrintOutputStore
{
    private readonly ConcurrentDictionary<(string BatchId, PinPrintKind Kind, int Part), byte[]> _parts = new();

    public Task AddPartsAsync(string batchId, PinPrintKind kind, IReadOnlyList<(int Part, byte[] Sealed)> parts, DateTimeOffset createdAt, DateTimeOffset availableUntil)
    {
        foreach (var (part, sealedPart) in parts)
            _parts[(batchId, kind, part)] = sealedPart;
        return Task.CompletedTask;
    }

    public Task<byte[]?> ReadPartAsync(string batchId, PinPrintKind kind, int part) =>
        Task.FromResult(_parts.GetValueOrDefault((batchId, kind, part)));

    public Task SetAvailableUntilAsync(string batchId, DateTimeOffset availableUntil) => Task.CompletedTask;

    public Task DeleteAsync(string batchId)
    {
        foreach (var key in _parts.Keys.Where(k => k.BatchId == batchId))
            _parts.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
