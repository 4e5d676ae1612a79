using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// Master rows in PostgreSQL's binary COPY format (header, one tuple per row, trailer), encoded by hand as they are
/// added into pooled chunks and sent in large pieces, in key order. Npgsql's importer binds a parameter and awaits once
/// per field (17 per row): in a profile of the import that cost more than reading, checking and hashing the rows together.
/// </summary>
/// <remarks>
/// Column order: <see cref="Columns"/>. Not thread-safe; one per batch. The chunks go back to a small shared pool
/// (they are large objects: allocated anew per batch, they would cost full collections).
/// <para>Key order (UTF-8 bytes, the key column's "C" collation; rows of one key in the order added): pseudonyms are
/// random, and PostgreSQL finds and inserts a batch's keys in its index with much less work in order than scattered
/// (docs/benchmarks.md, h18-dwh). Sorting here costs this process a little and spares the database, the bottleneck.</para>
/// </remarks>
internal sealed class CustomerMasterCopyRows : IDisposable
{
    public const string Columns =
        "customer_key, kvnr, given_name, family_name, birth_date, street, postal_code, city, phone, email, preferred_channel, advertising_consent, bonus_programme, tariff, row_hash, import_id, updated_at";

    private const short FieldCount = 17;
    private const int ChunkBytes = 256 * 1024;
    private const int PooledChunks = 64;

    // A tuple starts with its field count (2 bytes) and the key's length (4), then the key's bytes.
    private const int KeyOffset = 2 + 4;

    // Fixed part of a tuple: field count, 17 lengths, date, smallint, two booleans, hash, uuid, timestamp.
    private const int FixedRowBytes = 2 + FieldCount * 4 + 4 + 2 + 1 + 1 + CustomerMasterRowHash.Length + 16 + 8;

    // "PGCOPY\n\377\r\n\0" (a u8 literal would encode the 0xFF as two bytes).
    private static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly ConcurrentQueue<byte[]> Pool = new();
    private static readonly byte[] Trailer = [0xFF, 0xFF]; // field count -1

    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<byte[]> _full = [];
    private readonly Guid _importId;
    private readonly long _updatedAt;
    private byte[] _buffer;
    private int _length;
    private RowSpan[] _rows = ArrayPool<RowSpan>.Shared.Rent(1024);
    private int _count;
    private bool _sorted;

    public CustomerMasterCopyRows(Guid importId, DateTimeOffset now)
    {
        _importId = importId;
        _updatedAt = (now.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond;
        _buffer = Rent(ChunkBytes);
    }

    public void Add(CustomerMasterRecord row)
    {
        var room = MaxBytes(row);
        if (_length + room > _buffer.Length)
            NextChunk(room);
        if (_count == _rows.Length)
        {
            var larger = ArrayPool<RowSpan>.Shared.Rent(_count * 2);
            _rows.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<RowSpan>.Shared.Return(_rows);
            _rows = larger;
        }
        _rows[_count++] = WriteRow(row);
        _sorted = false;
    }

    /// <summary>The whole COPY stream (header, the rows in key order, trailer) to <paramref name="copy"/>; again if a first attempt failed.</summary>
    public async Task SendAsync(Stream copy, CancellationToken cancellationToken)
    {
        if (!_sorted)
        {
            _rows.AsSpan(0, _count).Sort(CompareKeys);
            _sorted = true;
        }
        var output = Rent(ChunkBytes);
        try
        {
            var length = WriteHeader(output);
            for (var i = 0; i < _count; i++)
            {
                var row = _rows[i];
                if (length + row.Length > output.Length)
                {
                    await copy.WriteAsync(output.AsMemory(0, length), cancellationToken);
                    length = 0;
                    if (row.Length > output.Length)
                    {
                        // A row larger than a chunk got a chunk of its own.
                        await copy.WriteAsync(ChunkOf(row).AsMemory(row.Start, row.Length), cancellationToken);
                        continue;
                    }
                }
                ChunkOf(row).AsSpan(row.Start, row.Length).CopyTo(output.AsSpan(length));
                length += row.Length;
            }
            await copy.WriteAsync(output.AsMemory(0, length), cancellationToken);
            await copy.WriteAsync(Trailer, cancellationToken);
        }
        finally
        {
            Return(output);
        }
    }

    public void Dispose()
    {
        _sha256.Dispose();
        foreach (var chunk in _full)
            Return(chunk);
        _full.Clear();
        Return(_buffer);
        _buffer = [];
        if (_rows.Length > 0)
            ArrayPool<RowSpan>.Shared.Return(_rows);
        _rows = [];
        _count = 0;
    }

    private byte[] ChunkOf(RowSpan row) => row.Chunk < _full.Count ? _full[row.Chunk] : _buffer;

    /// <summary>By key bytes, then by the order added (chunks and offsets grow with it), so the sort is stable.</summary>
    private int CompareKeys(RowSpan x, RowSpan y)
    {
        var byKey = ChunkOf(x).AsSpan(x.Start + KeyOffset, x.KeyLength).SequenceCompareTo(ChunkOf(y).AsSpan(y.Start + KeyOffset, y.KeyLength));
        if (byKey != 0)
            return byKey;
        return x.Chunk != y.Chunk ? x.Chunk.CompareTo(y.Chunk) : x.Start.CompareTo(y.Start);
    }

    private static byte[] Rent(int bytes) => bytes <= ChunkBytes && Pool.TryDequeue(out var chunk) ? chunk : new byte[Math.Max(bytes, ChunkBytes)];

    private static void Return(byte[] chunk)
    {
        if (chunk.Length == ChunkBytes && Pool.Count < PooledChunks)
            Pool.Enqueue(chunk);
    }

    private void NextChunk(int room)
    {
        _full.Add(_buffer);
        _buffer = Rent(room);
        _length = 0;
    }

    private static int MaxBytes(CustomerMasterRecord row) => FixedRowBytes + 3 * (row.CustomerKey.Length + row.Kvnr.Length + row.GivenName.Length
        + row.FamilyName.Length + row.Street.Length + row.PostalCode.Length + row.City.Length + (row.Phone?.Length ?? 0)
        + (row.Email?.Length ?? 0) + (row.Tariff?.Length ?? 0));

    private static int WriteHeader(Span<byte> span)
    {
        Signature.CopyTo(span);
        BinaryPrimitives.WriteInt32BigEndian(span[Signature.Length..], 0); // flags: no OIDs
        BinaryPrimitives.WriteInt32BigEndian(span[(Signature.Length + 4)..], 0); // no header extension
        return Signature.Length + 8;
    }

    private RowSpan WriteRow(CustomerMasterRecord row)
    {
        var span = _buffer.AsSpan();
        var start = _length;
        var at = start;
        BinaryPrimitives.WriteInt16BigEndian(span[at..], FieldCount);
        at += 2;
        Text(span, ref at, row.CustomerKey);
        var keyLength = at - start - KeyOffset;
        Text(span, ref at, row.Kvnr);
        Text(span, ref at, row.GivenName);
        Text(span, ref at, row.FamilyName);
        Length(span, ref at, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[at..], row.BirthDate.DayNumber - PostgresEpochDay);
        at += 4;
        Text(span, ref at, row.Street);
        Text(span, ref at, row.PostalCode);
        Text(span, ref at, row.City);
        Text(span, ref at, row.Phone);
        Text(span, ref at, row.Email);
        Length(span, ref at, 2);
        BinaryPrimitives.WriteInt16BigEndian(span[at..], (short)row.PreferredChannel);
        at += 2;
        Length(span, ref at, 1);
        span[at++] = row.AdvertisingConsent ? (byte)1 : (byte)0;
        Length(span, ref at, 1);
        span[at++] = row.BonusProgramme ? (byte)1 : (byte)0;
        Text(span, ref at, row.Tariff);
        Length(span, ref at, CustomerMasterRowHash.Length);
        CustomerMasterRowHash.Write(row, _sha256, span.Slice(at, CustomerMasterRowHash.Length));
        at += CustomerMasterRowHash.Length;
        Length(span, ref at, 16);
        _importId.TryWriteBytes(span.Slice(at, 16), bigEndian: true, out _);
        at += 16;
        Length(span, ref at, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[at..], _updatedAt);
        at += 8;
        _length = at;
        return new RowSpan(_full.Count, start, at - start, keyLength);
    }

    private static void Length(Span<byte> span, ref int at, int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(span[at..], length);
        at += 4;
    }

    /// <summary>A text field (UTF-8, as Npgsql's connections speak it), or NULL (length -1).</summary>
    private static void Text(Span<byte> span, ref int at, string? value)
    {
        if (value is null)
        {
            Length(span, ref at, -1);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value, span[(at + 4)..]);
        Length(span, ref at, bytes);
        at += bytes;
    }

    /// <summary>Where one encoded row lies: its chunk (an index into the full chunks, or the current one), offset and length.</summary>
    private readonly record struct RowSpan(int Chunk, int Start, int Length, int KeyLength);
}
