namespace Kasse.Grains.EinmalPin.Import;

/// <summary>The stored chunks of an import read one after the other as one stream (one chunk in memory at a time).</summary>
public sealed class PinImportChunkReadStream(IPinImportChunkStore store, Guid importId, int chunks) : Stream
{
    private byte[] current = [];
    private int position;
    private int next;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (position == current.Length)
        {
            if (next == chunks)
                return 0;
            current = await store.LoadAsync(importId, next, cancellationToken)
                ?? throw new InvalidOperationException($"Chunk {next} of import {importId} is missing.");
            next++;
            position = 0;
        }
        var count = Math.Min(buffer.Length, current.Length - position);
        current.AsMemory(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
