namespace Kasse.Grains.EinmalPin.Import;

/// <summary>The stored chunks of an import read one after the other as one stream (one chunk in memory at a time).</summary>
public sealed class PinImportChunkReadStream(IPinImportChunkStore store, Guid importId, int chunks) : Stream
{
    private byte[] _current = [];
    private int _position;
    private int _next;

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
        while (_position == _current.Length)
        {
            if (_next == chunks)
                return 0;
            _current = await store.LoadAsync(importId, _next, cancellationToken)
                ?? throw new InvalidOperationException($"Chunk {_next} of import {importId} is missing.");
            _next++;
            _position = 0;
        }
        var count = Math.Min(buffer.Length, _current.Length - _position);
        _current.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
