using Kasse.EinmalPin;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>
/// One bulk import. The upload's chunks are stored as they arrive; <see cref="Start"/> answers at once and the import
/// runs in the background on the grain's own scheduler (so requests such as <see cref="GetView"/> are served between
/// its steps): batch by batch, each committed batch's counters stored in the grain state, the letter batch told. A
/// reminder keeps the job alive: after a deactivation or a silo restart the next activation re-reads the stored file
/// and skips the rows already committed (the inserts are idempotent anyway). The chunks are deleted when it ends.
/// </summary>
public sealed partial class PinImportJobGrain(
    [PersistentState("pin-import", StorageNames.Default)] IPersistentState<PinImportJobState> state,
    IPinImportChunkStore chunks,
    IPinCaseStore cases,
    IPinImportErrorStore errors,
    TimeProvider clock,
    ILogger<PinImportJobGrain> logger) : Grain, IPinImportJobGrain, IRemindable
{
    /// <summary>Rows per committed batch (one COPY, one state write).</summary>
    public const int BatchSize = 5_000;

    /// <summary>Stored errors per import; all are counted.</summary>
    public const int MaxStoredErrors = 10_000;

    /// <summary>A run that fails this many times in a row (database down, …) ends the job as failed.</summary>
    public const int MaxFailedAttempts = 5;

    private const string KeepAliveReminder = "pin-import";

    private CancellationTokenSource? _stop;
    private Task? _run;

    private Guid Id => this.GetPrimaryKey();

    private PinImportJobState S => state.State;

    private string LetterBatchId => $"import-{Id:N}";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Status == PinImportStatus.Running)
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
            throw new PinException(PinErrors.ImportInvalid, "Der Import läuft schon; es werden keine Teile mehr angenommen.");
        if (chunkNo < 0 || data.Length > 1024 * 1024)
            throw new PinException(PinErrors.ImportInvalid, "Ein Teil des Uploads ist ungültig (höchstens 1 MiB).");
        await chunks.SaveAsync(Id, chunkNo, data);
    }

    public async Task<PinImportView> Start(PinImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (S.Started)
            return View();
        var (stored, bytes) = await chunks.CountAsync(Id);
        if (stored != request.Chunks || bytes != request.Bytes)
            throw new PinException(PinErrors.ImportInvalid, "Der Upload ist unvollständig.");
        if (bytes == 0)
            throw new PinException(PinErrors.ImportInvalid, "Die Datei ist leer.");
        S.Started = true;
        S.FileName = request.FileName;
        S.Chunks = request.Chunks;
        S.Bytes = request.Bytes;
        S.StartedBy = request.StartedBy;
        S.StartedAt = clock.GetUtcNow();
        S.Status = PinImportStatus.Running;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartRun();
        return View();
    }

    public Task<PinImportView> GetView()
    {
        if (!S.Started)
            throw new PinException(PinErrors.ImportNotFound, "Diesen Import gibt es nicht.");
        return Task.FromResult(View());
    }

    public async Task<IReadOnlyList<PinImportRowError>> GetErrors(int offset, int max)
    {
        if (!S.Started)
            throw new PinException(PinErrors.ImportNotFound, "Diesen Import gibt es nicht.");
        return await errors.ReadAsync(Id, Math.Max(0, offset), Math.Clamp(max, 0, 1_000));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != KeepAliveReminder)
            return;
        if (S.Status == PinImportStatus.Running)
        {
            if (_run is null || _run.IsCompleted)
                StartRun();
            return;
        }
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private PinImportView View() => new(
        Id, S.FileName, S.Status, S.Bytes, S.BytesRead, S.Counts.Rows, S.Counts.Imported, S.Counts.Existing, S.Counts.Rejected,
        S.Encoding, S.StartedAt, S.FinishedAt, S.Failure, LetterBatchId);

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
            var result = await PinCsvImport.RunAsync(
                _ => Task.FromResult<Stream>(new PinImportChunkReadStream(chunks, Id, S.Chunks)),
                cases,
                errors,
                Id,
                new PinCsvImportOptions
                {
                    BatchSize = BatchSize,
                    MaxStoredErrors = MaxStoredErrors,
                    Resume = S.Counts,
                    Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
                    BatchCommitted = BatchCommittedAsync,
                },
                stop);
            S.Counts = result.Counts;
            S.BytesRead = S.Bytes;
            S.Encoding = result.Encoding;
            await FinishAsync(PinImportStatus.Completed, failure: null);
            LogCompleted(Id, S.Counts.Rows, S.Counts.Imported, S.Counts.Existing, S.Counts.Rejected);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Deactivating: the next activation (the reminder brings it) goes on from the stored counters.
        }
        catch (PinException e) when (e.Code == PinErrors.ImportInvalid)
        {
            await FinishAsync(PinImportStatus.Failed, e.Message);
        }
        catch (Exception e)
        {
            LogRunFailed(e, Id);
            S.FailedAttempts++;
            if (S.FailedAttempts >= MaxFailedAttempts)
                await FinishAsync(PinImportStatus.Failed, "Der Import ist mehrfach an einem internen Fehler gescheitert.");
            else
                await TryWriteStateAsync();
        }
    }

    /// <summary>After each committed batch: counters stored, then the letter batch told (it issues PINs meanwhile).</summary>
    private async Task BatchCommittedAsync(PinImportProgress progress, CancellationToken cancellationToken)
    {
        S.Counts = progress.Counts;
        S.BytesRead = progress.BytesRead;
        S.Encoding = progress.Encoding;
        S.FailedAttempts = 0;
        await state.WriteStateAsync();
        await TellLettersAsync(finished: false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task FinishAsync(PinImportStatus status, string? failure)
    {
        S.Status = status;
        S.Failure = failure;
        S.FinishedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await chunks.DeleteAsync(Id);
        if (status == PinImportStatus.Completed)
            await TellLettersAsync(finished: true);
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    /// <summary>
    /// Tells the import's letter batch (contract: StartForImport once, then ImportProgressed). A failure there does not
    /// stop the import: the letter batch follows the import's stored cases whenever it runs.
    /// </summary>
    private async Task TellLettersAsync(bool finished)
    {
        try
        {
            var batch = GrainFactory.GetGrain<IPinLetterBatchGrain>(LetterBatchId);
            if (!S.LetterBatchStarted)
            {
                await batch.StartForImport(Id);
                S.LetterBatchStarted = true;
                await state.WriteStateAsync();
            }
            await batch.ImportProgressed(finished);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLettersFailed(e, Id);
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "EinmalPIN import {ImportId} completed: {Rows} rows, {Imported} new, {Existing} existing, {Rejected} rejected")]
    private partial void LogCompleted(Guid importId, long rows, long imported, long existing, long rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EinmalPIN import {ImportId} failed; the keep-alive reminder retries it")]
    private partial void LogRunFailed(Exception exception, Guid importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EinmalPIN import {ImportId}: telling its letter batch failed")]
    private partial void LogLettersFailed(Exception exception, Guid importId);
}
