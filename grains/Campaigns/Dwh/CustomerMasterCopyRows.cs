using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// Master rows in PostgreSQL's binary COPY format (header, one tuple per row, trailer), encoded by hand as they are
/// added into pooled chunks and sent in large pieces. Npgsql's importer binds a parameter and awaits once per field (17
/// per row): in a profile of the import that cost more than reading, checking and hashing the rows together.
/// </summary>
/// <remarks>
/// Column order: <see cref="Columns"/>. Not thread-safe; one per batch. The chunks go back to a small shared pool
/// (they are large objects: allocated anew per batch, they would cost full collections).
/// </remarks>
internal sealed class CustomerMasterCopyRows : IDisposable
{
    public const string Columns =
        "customer_key, kvnr, given_name, family_name, birth_date, street, postal_code, city, phone, email, preferred_channel, advertising_consent, bonus_programme, tariff, row_hash, import_id, updated_at";

    private const short FieldCount = 17;
    private const int ChunkBytes = 256 * 1024;
    private const int PooledChunks = 64;

    // Fixed part of a tuple: field count, 17 lengths, date, smallint, two booleans, hash, uuid, timestamp.
    private const int FixedRowBytes = 2 + FieldCount * 4 + 4 + 2 + 1 + 1 + CustomerMasterRowHash.Length + 16 + 8;

    // "PGCOPY\n\377\r\n\0" (a u8 literal would encode the 0xFF as two bytes).
    private static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly ConcurrentQueue<byte[]> Pool = new();

    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<(byte[] Chunk, int Length)> _full = [];
    private readonly Guid _importId;
    private readonly long _updatedAt;
    private byte[] _buffer;
    private int _length;

    public CustomerMasterCopyRows(Guid importId, DateTimeOffset now)
    {
        _importId = importId;
        _updatedAt = (now.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond;
        _buffer = Rent(ChunkBytes);
        WriteHeader();
    }

    public void Add(CustomerMasterRecord row)
    {
        var room = MaxBytes(row);
        if (_length + room > _buffer.Length)
            NextChunk(room);
        WriteRow(row);
    }

    /// <summary>The trailer, then the whole COPY stream to <paramref name="copy"/>. Once.</summary>
    public async Task SendAsync(Stream copy, CancellationToken cancellationToken)
    {
        if (_length + 2 > _buffer.Length)
            NextChunk(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
        foreach (var (chunk, length) in _full)
            await copy.WriteAsync(chunk.AsMemory(0, length), cancellationToken);
        await copy.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
    }

    public void Dispose()
    {
        _sha256.Dispose();
        foreach (var (chunk, _) in _full)
            Return(chunk);
        _full.Clear();
        Return(_buffer);
        _buffer = [];
    }

    private static byte[] Rent(int bytes) => bytes <= ChunkBytes && Pool.TryDequeue(out var chunk) ? chunk : new byte[Math.Max(bytes, ChunkBytes)];

    private static void Return(byte[] chunk)
    {
        if (chunk.Length == ChunkBytes && Pool.Count < PooledChunks)
            Pool.Enqueue(chunk);
    }

    private void NextChunk(int room)
    {
        _full.Add((_buffer, _length));
        _buffer = Rent(room);
        _length = 0;
    }

    private static int MaxBytes(CustomerMasterRecord row) => FixedRowBytes + 3 * (row.CustomerKey.Length + row.Kvnr.Length + row.GivenName.Length
        + row.FamilyName.Length + row.Street.Length + row.PostalCode.Length + row.City.Length + (row.Phone?.Length ?? 0)
        + (row.Email?.Length ?? 0) + (row.Tariff?.Length ?? 0));

    private void WriteHeader()
    {
        var span = _buffer.AsSpan();
        Signature.CopyTo(span);
        BinaryPrimitives.WriteInt32BigEndian(span[Signature.Length..], 0); // flags: no OIDs
        BinaryPrimitives.WriteInt32BigEndian(span[(Signature.Length + 4)..], 0); // no header extension
        _length = Signature.Length + 8;
    }

    private void WriteRow(CustomerMasterRecord row)
    {
        var span = _buffer.AsSpan();
        var at = _length;
        BinaryPrimitives.WriteInt16BigEndian(span[at..], FieldCount);
        at += 2;
        Text(span, ref at, row.CustomerKey);
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
}
