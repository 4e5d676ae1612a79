using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>
/// An import end to end without grains (the job grain and the <c>pin-import</c> benchmark run it): detect the encoding,
/// stream the rows, validate, COPY the good ones in batches through <see cref="IPinCaseStore"/>, store the errors
/// (capped), and report each committed batch. Memory stays constant whatever the file size.
/// </summary>
public static class PinCsvImport
{
    /// <summary>
    /// Runs the import of the file that <paramref name="open"/> opens (called twice: once to detect the encoding, once
    /// to read). Rows up to <see cref="PinCsvImportOptions.Resume"/> are skipped (already committed).
    /// </summary>
    public static async Task<PinImportProgress> RunAsync(
        Func<CancellationToken, Task<Stream>> open,
        IPinCaseStore cases,
        IPinImportErrorStore errors,
        Guid importId,
        PinCsvImportOptions options,
        CancellationToken cancellationToken = default)
    {
        (System.Text.Encoding Encoding, string Name) encoding;
        await using (var probe = await open(cancellationToken))
            encoding = await PinTextEncoding.DetectAsync(probe, cancellationToken);

        await using var input = new CountingReadStream(await open(cancellationToken));
        var counts = options.Resume;
        var batch = new List<PinCaseData>(Math.Min(options.BatchSize, 100_000));
        var batchErrors = new List<PinImportRowError>();
        long rows = counts.Rows, rejected = counts.Rejected, storedErrors = counts.StoredErrors;
        var progress = new PinImportProgress(counts, 0, encoding.Name, 0);

        // A batch that starts committing completes: cancellation (a deactivating job) stops between batches only, so
        // the counters the hook stores always match what is in the database.
        async Task CommitAsync()
        {
            if (batchErrors.Count > 0)
                await errors.AddAsync(importId, batchErrors, CancellationToken.None);
            var added = await cases.AddAsync(batch, importId, CancellationToken.None);
            counts = new PinImportCounts(
                rows, counts.Imported + added.Count, counts.Existing + batch.Count - added.Count, rejected, storedErrors);
            progress = new PinImportProgress(counts, input.BytesRead, encoding.Name, added.Count);
            batch.Clear();
            batchErrors.Clear();
            if (options.BatchCommitted is { } hook)
                await hook(progress, cancellationToken);
        }

        await foreach (var record in PinCsvReader.ReadAsync(input, encoding.Encoding, options.Today, cancellationToken))
        {
            if (record.DataRow <= options.Resume.Rows)
                continue;
            rows++;
            if (record.Case is { } data)
            {
                batch.Add(data);
            }
            else
            {
                rejected++;
                foreach (var error in record.Errors)
                {
                    if (storedErrors >= options.MaxStoredErrors)
                        break;
                    batchErrors.Add(new PinImportRowError(record.LineNumber, error.Column.Length == 0 ? null : error.Column, error.Reason));
                    storedErrors++;
                }
            }
            if (rows - counts.Rows >= options.BatchSize)
                await CommitAsync();
        }
        if (rows > counts.Rows)
            await CommitAsync();
        return progress with { Counts = counts, BytesRead = input.BytesRead };
    }
}
