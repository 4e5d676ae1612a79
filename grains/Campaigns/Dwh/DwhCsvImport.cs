using Kasse.Customers;
using Kasse.Grains.EinmalPin.Import;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>Where a CSV import stands after a committed batch: the counters, the bytes read, the file's encoding.</summary>
public sealed record DwhCsvProgress(DwhImportCounts Counts, long BytesRead, string Encoding);

/// <summary>
/// A CSV import end to end without grains: detect the encoding (UTF-8 with or without BOM, else Windows-1252, as the
/// EinmalPIN import does), stream the rows and run <see cref="DwhImport"/>.
/// </summary>
public static class DwhCsvImport
{
    /// <summary>
    /// Imports the file that <paramref name="open"/> opens (called twice: once to detect the encoding, once to read).
    /// <paramref name="batchCommitted"/> hears of each committed batch.
    /// </summary>
    public static async Task<DwhCsvProgress> RunAsync(
        Func<CancellationToken, Task<Stream>> open,
        ICustomerMasterStore store,
        IDwhRejectionStore rejections,
        CustomerPseudonyms pseudonyms,
        Guid importId,
        DateOnly today,
        DwhImportOptions options,
        Func<DwhCsvProgress, CancellationToken, Task>? batchCommitted = null,
        CancellationToken cancellationToken = default)
    {
        (System.Text.Encoding Encoding, string Name) encoding;
        await using (var probe = await open(cancellationToken))
            encoding = await PinTextEncoding.DetectAsync(probe, cancellationToken);
        await using var input = new CountingReadStream(await open(cancellationToken));
        var withHook = new DwhImportOptions
        {
            BatchSize = options.BatchSize,
            Resume = options.Resume,
            MaxStoredRejections = options.MaxStoredRejections,
            FirstLoadWithoutLookup = options.FirstLoadWithoutLookup,
            BatchCommitted = async (counts, ct) =>
            {
                if (options.BatchCommitted is { } inner)
                    await inner(counts, ct);
                if (batchCommitted is not null)
                    await batchCommitted(new DwhCsvProgress(counts, input.BytesRead, encoding.Name), ct);
            },
        };
        var counts = await DwhImport.RunAsync(
            DwhCsvReader.ReadAsync(input, encoding.Encoding, pseudonyms, today, cancellationToken), store, rejections, importId, withHook, cancellationToken);
        return new DwhCsvProgress(counts, input.BytesRead, encoding.Name);
    }
}
