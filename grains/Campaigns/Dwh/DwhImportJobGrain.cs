using Kasse.Campaigns;
using Kasse.Campaigns.Dwh;
using Kasse.Customers;
using Kasse.Grains.EinmalPin.Import;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// One import of master data (as <see cref="Kasse.Grains.EinmalPin.Import.PinImportJobGrain"/> runs a PIN import):
/// the upload's chunks are stored as they arrive; a start answers at once and the import runs in the background on the
/// grain's scheduler (so <see cref="GetView"/> is served between its batches), each committed batch's counters stored
/// in the grain state. A reminder keeps it alive: after a deactivation or a silo restart the next activation reads
/// the file (or the source table, in KVNR order) again and skips the rows already committed; the upsert is idempotent
/// anyway. The chunks are deleted when it ends.
/// </summary>
/// <remarks>
/// Customer grains are not told of changed rows: a customer grain reads its master row when it needs facts (the
/// store serves many grains with one query), so a changed row is seen at the next activation or reload.
/// </remarks>
public sealed partial class DwhImportJobGrain(
    [PersistentState("dwh-import", StorageNames.Default)] IPersistentState<DwhImportJobState> state,
    IDwhImportChunkStore chunks,
    ICustomerMasterStore store,
    IDwhRejectionStore rejections,
    CustomerPseudonyms pseudonyms,
    IOptions<DwhOptions> options,
    TimeProvider clock,
    ILogger<DwhImportJobGrain> logger) : Grain, IDwhImportJobGrain, IRemindable
{
    /// <summary>Rows per committed batch (one staged COPY + upsert, one state write).</summary>
    public const int BatchSize = 5_000;

    /// <summary>Stored rejections per import; all are counted.</summary>
    public const int MaxStoredRejections = 10_000;

    /// <summary>A run that fails this many times in a row (database down, …) ends the job as failed.</summary>
    public const int MaxFailedAttempts = 5;

    private const string KeepAliveReminder = "dwh-import";

    private CancellationTokenSource? _stop;
    private Task? _run;

    private Guid Id => this.GetPrimaryKey();

    private DwhImportJobState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Status == DwhImportStatus.Running)
            StartRun();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The run stops between batches: a committed batch always has its counters stored.
        if (_stop is not null && _run is not null)
        {
            await _stop.CancelAsync();
            await _run;
        }
    }

    public async Task AppendChunk(int chunkNo, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (S.Started)
            throw new CampaignException(CampaignErrors.ImportInvalid, "Der Import läuft schon; es werden keine Teile mehr angenommen.");
        if (chunkNo < 0 || data.Length > 1024 * 1024)
            throw new CampaignException(CampaignErrors.ImportInvalid, "Ein Teil des Uploads ist ungültig (höchstens 1 MiB).");
        await chunks.SaveAsync(Id, chunkNo, data);
    }

    public async Task<DwhImportView> StartUpload(DwhUploadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (S.Started)
            return View();
        var (stored, bytes) = await chunks.CountAsync(Id);
        if (stored != request.Chunks || bytes != request.Bytes)
            throw new CampaignException(CampaignErrors.ImportInvalid, "Der Upload ist unvollständig.");
        if (bytes == 0)
            throw new CampaignException(CampaignErrors.ImportInvalid, "Die Datei ist leer.");
        S.Source = DwhImportSource.Upload;
        S.FileName = request.FileName;
        S.Chunks = request.Chunks;
        S.Bytes = request.Bytes;
        return await StartAsync(request.StartedBy);
    }

    public async Task<DwhImportView> StartFromSource(string startedBy)
    {
        if (S.Started)
            return View();
        if (!options.Value.HasSource)
            throw new CampaignException(CampaignErrors.ImportInvalid, "Es ist keine Quelltabelle konfiguriert (Dwh:SourceConnectionString, Dwh:SourceTable).");
        S.Source = DwhImportSource.SourceTable;
        S.FileName = options.Value.SourceTable!;
        return await StartAsync(startedBy);
    }

    public Task<DwhImportView> GetView()
    {
        if (!S.Started)
            throw new CampaignException(CampaignErrors.ImportNotFound, "Diesen Import gibt es nicht.");
        return Task.FromResult(View());
    }

    public async Task<IReadOnlyList<DwhRejectedRow>> GetRejections(int offset, int max)
    {
        if (!S.Started)
            throw new CampaignException(CampaignErrors.ImportNotFound, "Diesen Import gibt es nicht.");
        return await rejections.ReadAsync(Id, Math.Max(0, offset), Math.Clamp(max, 0, 1_000));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != KeepAliveReminder)
            return;
        if (S.Status == DwhImportStatus.Running)
        {
            if (_run is null || _run.IsCompleted)
                StartRun();
            return;
        }
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private async Task<DwhImportView> StartAsync(string startedBy)
    {
        S.Started = true;
        S.StartedBy = startedBy;
        S.StartedAt = clock.GetUtcNow();
        S.Status = DwhImportStatus.Running;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await GrainFactory.GetGrain<IDwhImportsGrain>(0).Remember(Id);
        StartRun();
        return View();
    }

    private DwhImportView View() => new(
        Id, S.Source, S.FileName, S.Status, S.Bytes, S.BytesRead, S.TotalRows, S.Counts.Rows, S.Counts.Inserted, S.Counts.Updated,
        S.Counts.Unchanged, S.Counts.Rejected, S.Encoding, S.StartedAt, S.FinishedAt, S.Failure, Percent());

    /// <summary>Per cent done: 100 only when completed (the last batch may still be committing at full bytes read).</summary>
    private int Percent()
    {
        if (S.Status == DwhImportStatus.Completed)
            return 100;
        var (done, total) = S.Source == DwhImportSource.Upload ? (S.BytesRead, S.Bytes) : (S.Counts.Rows, S.TotalRows);
        return total <= 0 ? 0 : (int)Math.Clamp(done * 100 / total, 0, 99);
    }

    private void StartRun()
    {
        if (_run is { IsCompleted: false })
            return;
        _stop = new CancellationTokenSource();
        // Started from the grain's scheduler, the run's continuations stay on it: one turn at a time with requests.
        _run = RunAsync(_stop.Token);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var importOptions = new DwhImportOptions
            {
                BatchSize = BatchSize,
                MaxStoredRejections = MaxStoredRejections,
                Resume = S.Counts,
            };
            if (S.Source == DwhImportSource.Upload)
            {
                var result = await DwhCsvImport.RunAsync(
                    _ => Task.FromResult<Stream>(new PinImportChunkReadStream(chunks, Id, S.Chunks)),
                    store, rejections, pseudonyms, Id, today, importOptions,
                    async (progress, ct) =>
                    {
                        S.BytesRead = progress.BytesRead;
                        S.Encoding = progress.Encoding;
                        await BatchCommittedAsync(progress.Counts, ct);
                    },
                    stop);
                S.Counts = result.Counts;
                S.BytesRead = S.Bytes;
                S.Encoding = result.Encoding;
            }
            else
            {
                var source = options.Value;
                if (!source.HasSource)
                    throw new CampaignException(CampaignErrors.ImportInvalid, "Es ist keine Quelltabelle konfiguriert.");
                if (S.TotalRows == 0)
                {
                    S.TotalRows = await PostgresDwhSource.CountAsync(source.SourceConnectionString!, S.FileName, stop);
                    await state.WriteStateAsync();
                }
                S.Encoding = "PostgreSQL";
                S.Counts = await DwhImport.RunAsync(
                    PostgresDwhSource.ReadAsync(source.SourceConnectionString!, S.FileName, pseudonyms, today, stop),
                    store, rejections, Id,
                    new DwhImportOptions
                    {
                        BatchSize = importOptions.BatchSize,
                        MaxStoredRejections = importOptions.MaxStoredRejections,
                        Resume = importOptions.Resume,
                        BatchCommitted = BatchCommittedAsync,
                    },
                    stop);
            }
            await FinishAsync(DwhImportStatus.Completed, failure: null);
            LogCompleted(Id, S.Counts.Rows, S.Counts.Inserted, S.Counts.Updated, S.Counts.Unchanged, S.Counts.Rejected);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Deactivating: the next activation (the reminder brings it) goes on from the stored counters.
        }
        catch (CampaignException e) when (e.Code == CampaignErrors.ImportInvalid)
        {
            await FinishAsync(DwhImportStatus.Failed, e.Message);
        }
        catch (Exception e)
        {
            LogRunFailed(e, Id);
            S.FailedAttempts++;
            if (S.FailedAttempts >= MaxFailedAttempts)
                await FinishAsync(DwhImportStatus.Failed, "Der Import ist mehrfach an einem internen Fehler gescheitert.");
            else
                await TryWriteStateAsync();
        }
    }

    private async Task BatchCommittedAsync(DwhImportCounts counts, CancellationToken cancellationToken)
    {
        S.Counts = counts;
        S.FailedAttempts = 0;
        await state.WriteStateAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task FinishAsync(DwhImportStatus status, string? failure)
    {
        S.Status = status;
        S.Failure = failure;
        S.FinishedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await chunks.DeleteAsync(Id);
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private async Task TryWriteStateAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            LogRunFailed(e, Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DWH import {ImportId} completed: {Rows} rows, {Inserted} new, {Updated} changed, {Unchanged} unchanged, {Rejected} rejected")]
    private partial void LogCompleted(Guid importId, long rows, long inserted, long updated, long unchanged, long rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DWH import {ImportId} failed; the keep-alive reminder retries it")]
    private partial void LogRunFailed(Exception exception, Guid importId);
}
