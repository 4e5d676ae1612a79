using Kasse.Campaigns.Dwh;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// An import end to end without grains (the job grain, the demo data and the <c>dwh-import</c> benchmark run it):
/// take the parsed rows of a file or of the source table, upsert the good ones in batches through
/// <see cref="ICustomerMasterStore"/>, store the rejections (capped), and report each committed batch. Memory stays
/// constant whatever the number of rows.
/// </summary>
public static class DwhImport
{
    public static async Task<DwhImportCounts> RunAsync(
        IAsyncEnumerable<DwhParsedRow> rows,
        ICustomerMasterStore store,
        IDwhRejectionStore rejections,
        Guid importId,
        DwhImportOptions options,
        CancellationToken cancellationToken = default)
    {
        var counts = options.Resume;
        // A resumed import finds its own earlier rows in the table, so only a fresh start can be a first load.
        var firstLoad = options.FirstLoadWithoutLookup && options.Resume.Rows == 0 && await store.IsEmptyAsync(cancellationToken);
        var batch = store.StartBatch(importId, firstLoad);
        var batchRejections = new List<DwhRejectedRow>();
        long read = counts.Rows, rejected = counts.Rejected, stored = counts.StoredRejections, committing = counts.Rows;
        Task? pending = null;

        // A batch that starts committing completes: cancellation (a deactivating job) stops between batches only, so
        // the counters the hook stores always match what is in the database. Commits run one after the other, each
        // overlapping the parsing of the next batch (the database works while this process reads).
        async Task CommitAsync(ICustomerMasterBatch batchRows, List<DwhRejectedRow> rowRejections, long readTo, long rejectedTo, long storedTo)
        {
            CustomerMasterUpsert upsert;
            using (batchRows)
            {
                if (rowRejections.Count > 0)
                    await rejections.AddAsync(importId, rowRejections, CancellationToken.None);
                upsert = await batchRows.CommitAsync(CancellationToken.None);
            }
            counts = new DwhImportCounts(
                readTo, counts.Inserted + upsert.Inserted, counts.Updated + upsert.Updated, counts.Unchanged + upsert.Unchanged, rejectedTo, storedTo);
            if (options.BatchCommitted is { } hook)
                await hook(counts, cancellationToken);
        }

        async Task HandOverAsync()
        {
            if (pending is not null)
                await pending;
            pending = CommitAsync(batch, batchRejections, read, rejected, stored);
            committing = read;
            batch = store.StartBatch(importId, firstLoad);
            batchRejections = [];
        }

        try
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (row.DataRow <= options.Resume.Rows)
                    continue;
                read++;
                if (row.Record is { } record)
                {
                    batch.Add(record);
                }
                else
                {
                    rejected++;
                    foreach (var error in row.Errors)
                    {
                        if (stored >= options.MaxStoredRejections)
                            break;
                        batchRejections.Add(new DwhRejectedRow(row.ReportedRow, error.Column.Length == 0 ? null : error.Column, error.Reason));
                        stored++;
                    }
                }
                if (read - committing >= options.BatchSize)
                    await HandOverAsync();
            }
            if (read > committing)
                await HandOverAsync();
        }
        finally
        {
            batch.Dispose();
            if (pending is not null)
                await pending;
        }
        return counts;
    }
}
