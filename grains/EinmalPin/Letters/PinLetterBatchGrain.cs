using Kasse.EinmalPin;
using Kasse.Grains.Audit;
using Kasse.Grains.EinmalPin.PrintOutput;
using Kasse.Grains.EinmalPin.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kasse.Grains.EinmalPin.Letters;

/// <summary>
/// One letter batch (see <see cref="IPinLetterBatchGrain"/>). Works page by page in the background: reads cases, decides
/// the issue number of each, hashes the secrets on every core (thread pool, outside this grain's scheduler), stores the
/// records with COPY and writes the letters into the sealed CSV and PDF streams while the next page hashes.
/// <para>
/// Restart rule: the print output is one document and only served when complete, and the clear PINs of a running
/// batch live in memory only. So a batch that finds itself running after a restart drops its partial output and starts
/// the output over; every case whose valid issue belongs to this batch gets a new issue (the lost letter's secrets
/// stop working, as a newer issue exists). No letter is ever printed whose secrets are not the valid ones.
/// </para>
/// </summary>
public sealed partial class PinLetterBatchGrain(
    [PersistentState("pin-letter-batch", StorageNames.Default)] IPersistentState<PinLetterBatchGrain.State> state,
    IPinCaseStore cases,
    IPinSecretStore secretStore,
    PinSecrets secrets,
    IPinPrintOutputStore outputs,
    IPinServerSecret serverSecret,
    LetterFonts fonts,
    IAuditTrail audit,
    TimeProvider clock,
    IOptions<EinmalPinOptions> options,
    ILogger<PinLetterBatchGrain> logger) : Grain, IPinLetterBatchGrain, IRemindable
{
    /// <summary>Cases per page: enough to keep every core busy hashing, small enough to keep the clear PINs few.</summary>
    public const int PageSize = 256;

    public const int MaxCasesPerRequest = 10_000;

    private const string WorkReminder = "work";
    private const string PurgeReminder = "purge";
    private static readonly TimeSpan FollowUp = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _work;
    private long _letters;

    private string BatchId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status == PinLetterBatchStatus.Running && state.State.Started)
            StartWork();
        else if (state.State.Status == PinLetterBatchStatus.Completed)
            await PurgeWhenDueAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        // The work ends at the next page; until then it still draws with native SkiaSharp objects that must not be freed
        // under it (a silo stopping mid-batch crashed its process before).
        if (_work is { } work)
            await work.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async Task<PinLetterBatchView> StartForImport(Guid importId)
    {
        if (!state.State.Started)
        {
            state.State.Started = true;
            state.State.ImportId = importId;
            state.State.RequestedBy = "import";
            await BeginAsync();
        }
        ResumeIfRunning();
        return View();
    }

    public async Task ImportProgressed(bool finished)
    {
        if (finished && !state.State.ImportFinished)
        {
            state.State.ImportFinished = true;
            await state.WriteStateAsync();
        }
        if (state.State.Started)
            ResumeIfRunning();
        _wake.TrySetResult();
    }

    public async Task<PinLetterBatchView> StartForCases(IReadOnlyList<string> caseNumbers, bool reissue, string requestedBy)
    {
        if (caseNumbers.Count > MaxCasesPerRequest)
            throw new ArgumentException($"At most {MaxCasesPerRequest} cases per letter batch.", nameof(caseNumbers));
        if (!state.State.Started)
        {
            state.State.Started = true;
            state.State.CaseNumbers = caseNumbers.Distinct(StringComparer.Ordinal).ToList();
            state.State.Reissue = reissue;
            state.State.RequestedBy = requestedBy;
            await BeginAsync();
        }
        ResumeIfRunning();
        return View();
    }

    public async Task<PinLetterBatchView> GetView()
    {
        if (!state.State.Started)
        {
            DeactivateOnIdle();
            throw new PinException(PinErrors.BatchNotFound, "Diesen Briefstapel gibt es nicht.");
        }
        await PurgeWhenDueAsync();
        return View();
    }

    public async Task<byte[]?> ReadPrintPart(PinPrintKind kind, int part, string readerId)
    {
        await PurgeWhenDueAsync();
        if (state.State.Status != PinLetterBatchStatus.Completed)
            throw new PinException(PinErrors.PrintOutputGone, "Die Druckdaten sind nicht (mehr) verfügbar.");
        var sealedPart = await outputs.ReadPartAsync(BatchId, kind, part);
        if (sealedPart is null)
            return null;
        if (part == 0)
        {
            await audit.AppendAsync(new AuditEntry(
                clock.GetUtcNow(), readerId, "Integrator", "pin.print.read", "pin-letter-batch", $"{BatchId}/{kind}", null));
        }
        return new PrintOutputCipher(serverSecret, BatchId).Open(kind, part, sealedPart);
    }

    public async Task<PinLetterBatchView> Purge(string requestedBy)
    {
        if (state.State.Status == PinLetterBatchStatus.Completed)
        {
            await PurgeNowAsync();
            await audit.AppendAsync(new AuditEntry(
                clock.GetUtcNow(), requestedBy, "Integrator", "pin.print.purged", "pin-letter-batch", BatchId, null));
        }
        return View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The work reminder only brings the batch back after a restart (activation resumes it); the purge reminder purges.
        if (reminderName == PurgeReminder)
            await PurgeWhenDueAsync();
        else if (state.State.Status != PinLetterBatchStatus.Running && await this.GetReminder(WorkReminder) is { } work)
            await this.UnregisterReminder(work);
    }

    private PinLetterBatchView View() => new(
        BatchId, state.State.ImportId, state.State.Status,
        state.State.Status == PinLetterBatchStatus.Running ? _letters : state.State.Letters,
        state.State.CsvParts, state.State.PdfParts, state.State.CompletedAt, state.State.AvailableUntil, state.State.PurgedAt,
        state.State.Failure);

    private async Task BeginAsync()
    {
        state.State.Status = PinLetterBatchStatus.Running;
        await state.WriteStateAsync();
        // Brings the batch back when its silo stops before the output is complete.
        await this.RegisterOrUpdateReminder(WorkReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartWork();
    }

    private void StartWork() => _work ??= RunAsync();

    /// <summary>A start whose first call failed after storing the state (e.g. the reminder timed out) is carried on by a retry.</summary>
    private void ResumeIfRunning()
    {
        if (state.State.Status == PinLetterBatchStatus.Running)
            StartWork();
    }

    private async Task RunAsync()
    {
        try
        {
            await ProduceAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Deactivated: the next activation starts the output over (see the class comment).
        }
#pragma warning disable CA1031 // a failed batch is recorded and reported, not rethrown into nowhere
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogFailed(logger, error, BatchId);
            state.State.Status = PinLetterBatchStatus.Failed;
            state.State.Failure = "Die Briefproduktion ist fehlgeschlagen (" + error.GetType().Name + "); siehe Server-Protokoll.";
            await outputs.DeleteAsync(BatchId);
            await state.WriteStateAsync();
        }
    }

    private async Task ProduceAsync(CancellationToken cancellationToken)
    {
        // A running batch's partial output is useless after a restart: start over (the class comment says why).
        await outputs.DeleteAsync(BatchId);
        _letters = 0;
        using var writer = new LetterOutputWriter(new PrintOutputCipher(serverSecret, BatchId), fonts);
        Task writing = Task.CompletedTask;
        try
        {
            await ProducePagesAsync(writer, w => writing = w, () => writing, cancellationToken);
        }
        finally
        {
            // Never dispose the writer while a page is still being drawn into it on the thread pool.
            await writing.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ProducePagesAsync(LetterOutputWriter writer, Action<Task> setWriting, Func<Task> writing, CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync(cancellationToken))
        {
            this.DelayDeactivation(TimeSpan.FromMinutes(10));
            var plan = await PlanAsync(page);
            if (plan.Count == 0)
                continue;
            var issuedAt = clock.GetUtcNow();
            // PBKDF2 on every core, off this grain's scheduler, while the previous page is still being drawn.
            var letters = await Task.Run(() => Issue(plan, issuedAt), cancellationToken);
            await writing();
            await StoreSealedAsync(writer);
            await secretStore.AddAsync(letters.Select(l => l.Record).ToList(), cancellationToken);
            var printed = letters.Select(l => l.Letter).ToList();
            setWriting(Task.Run(() => writer.Write(printed), cancellationToken));
            _letters += printed.Count;
        }
        await writing();
        await Task.Run(writer.Complete, cancellationToken);
        await StoreSealedAsync(writer);

        var now = clock.GetUtcNow();
        var availableUntil = now + options.Value.PrintOutputValidity;
        await outputs.SetAvailableUntilAsync(BatchId, availableUntil);
        state.State.Status = PinLetterBatchStatus.Completed;
        state.State.Letters = _letters;
        state.State.CsvParts = writer.CsvParts;
        state.State.PdfParts = writer.PdfParts;
        state.State.CompletedAt = now;
        state.State.AvailableUntil = availableUntil;
        await state.WriteStateAsync();
        if (await this.GetReminder(WorkReminder) is { } work)
            await this.UnregisterReminder(work);
        await SchedulePurgeAsync(availableUntil - now);
    }

    /// <summary>The cases of the batch page by page: an import's as they arrive (until it finished), or the named ones.</summary>
    private async IAsyncEnumerable<IReadOnlyList<PinCaseData>> PagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (state.State.ImportId is { } importId)
        {
            string? after = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Read the flag before the page: finished and then nothing more to read means all is read.
                var finished = state.State.ImportFinished;
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var page = await cases.ReadImportAsync(importId, after, PageSize);
                if (page.Count > 0)
                {
                    after = page[^1].Data.CaseNumber;
                    yield return page.Select(c => c.Data).ToList();
                    continue;
                }
                if (finished)
                    yield break;
                // Woken by the import's next chunk; the follow-up covers a wake-up lost in a restart.
                await Task.WhenAny(_wake.Task, Task.Delay(FollowUp, cancellationToken));
            }
        }
        foreach (var chunk in state.State.CaseNumbers.Chunk(PageSize))
        {
            var page = new List<PinCaseData>(chunk.Length);
            foreach (var number in chunk)
            {
                if (await cases.FindAsync(number) is { } found)
                    page.Add(found.Data);
            }
            yield return page;
        }
    }

    /// <summary>
    /// The issue number of each case of the page, or none: a new case gets 1; a reissue, or a case whose valid issue is
    /// this batch's own from before a restart, gets the next; a case with secrets from another batch is left alone.
    /// </summary>
    private async Task<IReadOnlyList<(PinCaseData Case, int IssueNo)>> PlanAsync(IReadOnlyList<PinCaseData> page)
    {
        var latest = (await secretStore.LatestOfAsync(page.Select(c => c.CaseNumber).ToList()))
            .ToDictionary(r => r.CaseNumber, StringComparer.Ordinal);
        var plan = new List<(PinCaseData, int)>(page.Count);
        foreach (var data in page)
        {
            if (!latest.TryGetValue(data.CaseNumber, out var record))
                plan.Add((data, 1));
            else if (state.State.Reissue || record.BatchId == BatchId)
                plan.Add((data, record.IssueNo + 1));
        }
        return plan;
    }

    private (PinLetter Letter, PinSecretRecord Record)[] Issue(IReadOnlyList<(PinCaseData Case, int IssueNo)> plan, DateTimeOffset issuedAt)
    {
        var result = new (PinLetter, PinSecretRecord)[plan.Count];
        var batchId = BatchId;
        Parallel.For(0, plan.Count, i =>
        {
            var (data, issueNo) = plan[i];
            var issued = secrets.Issue(data.CaseNumber, issueNo, batchId, issuedAt);
            result[i] = (PinLetter.Of(data, issued), issued.Record);
        });
        return result;
    }

    private async Task StoreSealedAsync(LetterOutputWriter writer)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.PrintOutputValidity;
        foreach (var kind in new[] { PinPrintKind.Csv, PinPrintKind.Pdf })
            await outputs.AddPartsAsync(BatchId, kind, writer.TakeSealed(kind), now, until);
    }

    private async Task PurgeWhenDueAsync()
    {
        if (state.State.Status == PinLetterBatchStatus.Completed && state.State.AvailableUntil is { } until)
        {
            var left = until - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
                await PurgeNowAsync();
            else if (await this.GetReminder(PurgeReminder) is null)
                await SchedulePurgeAsync(left);
        }
    }

    private async Task SchedulePurgeAsync(TimeSpan dueIn)
    {
        // Reminder timers take at most ~49 days; a longer validity is checked again when this one fires.
        var due = TimeSpan.FromTicks(Math.Clamp(dueIn.Ticks, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromDays(40).Ticks));
        await this.RegisterOrUpdateReminder(PurgeReminder, due, TimeSpan.FromHours(1));
    }

    private async Task PurgeNowAsync()
    {
        await outputs.DeleteAsync(BatchId);
        state.State.Status = PinLetterBatchStatus.Purged;
        state.State.PurgedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        if (await this.GetReminder(PurgeReminder) is { } purge)
            await this.UnregisterReminder(purge);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Letter batch {BatchId} failed")]
    private static partial void LogFailed(ILogger logger, Exception error, string batchId);

    [GenerateSerializer, Alias("Kasse.EinmalPin.PinLetterBatchGrain.State")]
    public sealed class State
    {
        [Id(0)] public bool Started { get; set; }
        [Id(1)] public Guid? ImportId { get; set; }
        [Id(2)] public List<string> CaseNumbers { get; set; } = [];
        [Id(3)] public bool Reissue { get; set; }
        [Id(4)] public string RequestedBy { get; set; } = "";
        [Id(5)] public PinLetterBatchStatus Status { get; set; }
        [Id(6)] public bool ImportFinished { get; set; }
        [Id(7)] public long Letters { get; set; }
        [Id(8)] public int CsvParts { get; set; }
        [Id(9)] public int PdfParts { get; set; }
        [Id(10)] public DateTimeOffset? CompletedAt { get; set; }
        [Id(11)] public DateTimeOffset? AvailableUntil { get; set; }
        [Id(12)] public DateTimeOffset? PurgedAt { get; set; }
        [Id(13)] public string? Failure { get; set; }
    }
}
