using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.Common;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// One campaign: definition (versions in <c>campaign_versions</c>), lifecycle draft → active ⇄ paused → completed,
/// today's volume per channel, batch runs (CampaignGrain.Run.cs) and triggered contacts (CampaignGrain.Trigger.cs).
/// Every state write goes through one queue, so the background run and the requests between its pages never race.
/// </summary>
public sealed partial class CampaignGrain(
    [PersistentState("campaign", StorageNames.Default)] IPersistentState<CampaignState> state,
    ICampaignVersionStore versions,
    ICampaignContactStore contacts,
    ICustomerMasterStore masterData,
    ICampaignContactGate gate,
    TimeProvider clock,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    private readonly SemaphoreSlim _writes = new(1, 1);
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CompiledCampaign? _compiled;

    /// <summary>The longest <see cref="WaitForRun"/> waits (below the grain call timeout).</summary>
    public static readonly TimeSpan MaxRunWait = TimeSpan.FromSeconds(20);

    private CampaignState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Status == CampaignStatus.Active && RunningBatch() is not null)
            StartRun();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await StopRunAsync();

    public async Task<CampaignView> Save(CampaignDefinition definition, string by)
    {
        if (!CampaignDefinitionValidator.IsValidId(Id))
            throw new CampaignException(CampaignErrors.CampaignInvalid, "Die Kampagnen-Id besteht aus 1 bis 64 Zeichen a-z, 0-9 und -.");
        if (S.Status is CampaignStatus.Active or CampaignStatus.Completed)
            throw new CampaignException(CampaignErrors.CampaignState, S.Status == CampaignStatus.Active
                ? "Eine aktive Kampagne kann nicht geändert werden; bitte zuerst pausieren."
                : "Eine abgeschlossene Kampagne kann nicht mehr geändert werden.");
        var problems = CampaignDefinitionValidator.Validate(definition);
        if (problems.Count > 0)
            throw new CampaignException(CampaignErrors.CampaignInvalid, string.Join(" ", problems));
        var json = CampaignJson.Serialize(definition);
        // Saving the same definition again (a retried request) stores no new version.
        if (S.Definition is not null && CampaignJson.Serialize(S.Definition) == json)
            return View();
        var compiled = CompiledCampaign.Compile(Id, S.Version + 1, definition);
        var now = clock.GetUtcNow();
        await versions.AppendAsync(new CampaignVersionRecord(Id, S.Version + 1, json, by, now));
        S.Version++;
        // Stored as read back from its JSON: plain lists and dictionaries, whatever collection types the caller built
        // (the ADO.NET grain storage accepts only types it knows).
        S.Definition = CampaignJson.Deserialize(json);
        S.CreatedAt ??= now;
        _compiled = compiled;
        await WriteAsync();
        await RegisterAsync();
        LogSaved(Id, S.Version);
        return View();
    }

    public async Task<CampaignView> Activate(string by)
    {
        RequireSaved();
        if (S.Status == CampaignStatus.Active)
            return View();
        if (S.Status == CampaignStatus.Completed)
            throw new CampaignException(CampaignErrors.CampaignState, "Eine abgeschlossene Kampagne kann nicht wieder aktiviert werden.");
        S.Status = CampaignStatus.Active;
        var paused = S.Runs.LastOrDefault(r => !r.Triggered && r.Status == CampaignRunStatus.Paused);
        if (paused is not null)
            paused.Status = CampaignRunStatus.Running;
        await WriteAsync();
        await RegisterAsync();
        if (S.Definition!.Schedule.Kind != CampaignScheduleKind.Triggered)
        {
            await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlivePeriod, KeepAlivePeriod);
            await StartDueRunAsync();
        }
        LogLifecycle(Id, S.Status, by);
        return View();
    }

    public async Task<CampaignView> Pause(string by)
    {
        RequireSaved();
        if (S.Status == CampaignStatus.Paused)
            return View();
        if (S.Status != CampaignStatus.Active)
            throw new CampaignException(CampaignErrors.CampaignState, "Nur eine aktive Kampagne kann pausiert werden.");
        S.Status = CampaignStatus.Paused;
        if (RunningBatch() is { } run)
            run.Status = CampaignRunStatus.Paused;
        // The run finishes the page it is on (its checkpoint stored with this state) and stops there.
        if (_stop is not null)
            await _stop.CancelAsync();
        await WriteAsync();
        await RegisterAsync();
        LogLifecycle(Id, S.Status, by);
        return View();
    }

    public async Task<CampaignView> Complete(string by)
    {
        RequireSaved();
        if (S.Status == CampaignStatus.Completed)
            return View();
        if (S.Status == CampaignStatus.Draft)
            throw new CampaignException(CampaignErrors.CampaignState, "Ein Entwurf kann nicht abgeschlossen werden; bitte zuerst aktivieren.");
        await FinishCampaignAsync();
        LogLifecycle(Id, S.Status, by);
        return View();
    }

    public Task<CampaignView> GetView()
    {
        RequireSaved();
        return Task.FromResult(View());
    }

    public Task<CampaignRunView> GetRun(Guid runId)
    {
        RequireSaved();
        var run = S.Runs.FirstOrDefault(r => r.RunId == runId)
            ?? throw new CampaignException(CampaignErrors.CampaignNotFound, "Diesen Lauf gibt es nicht (oder nicht mehr in der Übersicht).");
        return Task.FromResult(run.View());
    }

    public async Task<CampaignRunView> WaitForRun(Guid runId, TimeSpan wait)
    {
        var until = clock.GetUtcNow() + (wait < MaxRunWait ? wait : MaxRunWait);
        while (true)
        {
            var view = await GetRun(runId);
            var left = until - clock.GetUtcNow();
            if (view.Status != CampaignRunStatus.Running || left <= TimeSpan.Zero)
                return view;
            // Every stored state (a page's checkpoint, the run's end) completes this; the wait bounds a quiet spell.
            try
            {
                await _written.Task.WaitAsync(left, clock);
            }
            catch (TimeoutException)
            {
                return await GetRun(runId);
            }
        }
    }

    private async Task FinishCampaignAsync()
    {
        S.Status = CampaignStatus.Completed;
        await StopRunAsync();
        var now = clock.GetUtcNow();
        foreach (var run in S.Runs.Where(r => r.Status is CampaignRunStatus.Running or CampaignRunStatus.Paused))
        {
            run.Status = CampaignRunStatus.Completed;
            run.FinishedAt ??= now;
        }
        await WriteAsync();
        await RegisterAsync();
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private CampaignView View() => new(
        Id, S.Definition!, S.Status, S.Version,
        S.Runs.LastOrDefault(r => !r.Triggered)?.View() ?? S.Runs.LastOrDefault()?.View(),
        S.Runs.Select(r => r.RunId).ToList());

    private void RequireSaved()
    {
        if (S.Definition is null)
            throw new CampaignException(CampaignErrors.CampaignNotFound, "Diese Kampagne gibt es nicht.");
    }

    private CompiledCampaign Compiled() => _compiled is { } c && c.Version == S.Version
        ? c
        : _compiled = CompiledCampaign.Compile(Id, S.Version, S.Definition!);

    private Task RegisterAsync() => GrainFactory.GetGrain<ICampaignDirectoryGrain>(0).Register(new CampaignDirectoryEntry(
        Id, S.Definition!.Name, S.Status, S.Definition.Schedule.Kind, S.Definition.Schedule.TriggerEvent));

    /// <summary>One state write at a time (the run and the requests between its pages); a failed write ends the activation.</summary>
    private async Task WriteAsync()
    {
        await _writes.WaitAsync();
        try
        {
            await state.WriteOrDeactivateAsync(this);
        }
        finally
        {
            _writes.Release();
        }
        _written.TrySetResult();
        _written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} saved as version {Version}")]
    private partial void LogSaved(string campaignId, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} is now {Status} (by {By})")]
    private partial void LogLifecycle(string campaignId, CampaignStatus status, string by);
}
