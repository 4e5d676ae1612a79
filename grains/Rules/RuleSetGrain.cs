using Kasse.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kasse.Grains.Rules;

/// <summary>
/// One rule set's versions and their status. Publishing compiles every expression and runs the test cases; only a
/// version that passes becomes active, and the registry tells every silo within seconds.
/// </summary>
public sealed partial class RuleSetGrain(
    [PersistentState("ruleset", Grains.StorageNames.Default)] IPersistentState<RuleSetGrain.State> state,
    IRuleSetStore store,
    TimeProvider clock,
    IOptions<RuleBudgetOptions> budget,
    ILogger<RuleSetGrain> logger) : Grain, IRuleSetGrain
{
    // The last version compiled for dry runs: authors try one draft many times.
    private RuleSetEngine? _dryRunEngine;

    private RuleSetKind Kind => RuleSetCatalog.Find(this.GetPrimaryKeyString())
        ?? throw new RuleSetException(RuleSetErrors.UnknownRuleSet, $"Den Regelsatz {this.GetPrimaryKeyString()} gibt es nicht.");

    public Task<RuleSetOverview> GetOverview() => Task.FromResult(Overview());

    public async Task<string> GetDocument(int version)
    {
        _ = Find(version);
        return await store.LoadAsync(Kind.Name, version)
            ?? throw new RuleSetException(RuleSetErrors.UnknownVersion, $"Version {version} fehlt im Speicher.");
    }

    public async Task<RuleSetVersionInfo> CreateDraft(string documentJson, string author, string? comment)
    {
        _ = Kind;
        var document = RuleSetDocument.Parse(documentJson);
        try
        {
            RuleWorkflow.Parse(document.WorkflowJson);
        }
        catch (RuleCompilationException e)
        {
            throw new RuleSetException(RuleSetErrors.InvalidDocument, $"Der Workflow ist ungültig: {e.Message}");
        }
        // The number is taken (and stored) before the document is written: after a failure a number is skipped, never
        // reused, so a stored document can never be claimed by a later, different draft.
        var version = Math.Max(state.State.NextVersion, state.State.Versions.Count == 0 ? 1 : state.State.Versions.Max(v => v.Version) + 1);
        state.State.NextVersion = version + 1;
        await WriteStateAsync();
        await store.SaveAsync(Kind.Name, version, documentJson);
        if (await store.LoadAsync(Kind.Name, version) != documentJson)
            throw new RuleSetException(RuleSetErrors.InvalidDocument, $"Version {version} ist bereits mit einem anderen Dokument belegt.");
        var info = new RuleSetVersionInfo(version, RuleSetVersionStatus.Draft, clock.GetUtcNow(), author, comment, null, null);
        state.State.Versions.Add(info);
        await WriteStateAsync();
        return info;
    }

    public async Task<IReadOnlyList<RuleSetProblem>> Validate(int version)
    {
        _ = Find(version);
        return RuleSetValidator.Validate(Kind, RuleSetDocument.Parse(await GetDocument(version)), version, clock.GetUtcNow(), budget.Value);
    }

    public async Task<RuleDecision> DryRun(int? version, string inputJson)
    {
        var chosen = version ?? state.State.ActiveVersion
            ?? throw new RuleSetException(RuleSetErrors.UnknownVersion, "Es ist keine Version aktiv; bitte eine Version angeben.");
        _ = Find(chosen);
        if (_dryRunEngine?.Version != chosen)
        {
            try
            {
                _dryRunEngine = Kind.Compile(RuleSetDocument.Parse(await GetDocument(chosen)), chosen);
            }
            catch (RuleCompilationException e)
            {
                throw new RuleSetException(RuleSetErrors.InvalidDocument, $"Version {chosen} lässt sich nicht übersetzen: {e.Message}");
            }
        }
        System.Text.Json.JsonElement input;
        try
        {
            input = System.Text.Json.JsonDocument.Parse(inputJson).RootElement;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new RuleSetException(RuleSetErrors.InvalidInput, $"Die Eingabe ist kein gültiges JSON: {e.Message}");
        }
        return _dryRunEngine.DecideJson(input, clock.GetUtcNow());
    }

    public async Task<PublicationResult> Publish(int version, string author)
    {
        var info = Find(version);
        if (info.Status != RuleSetVersionStatus.Draft)
            throw new RuleSetException(RuleSetErrors.NotADraft, $"Version {version} ist kein Entwurf; veröffentlichte Versionen ändern sich nie.");
        var problems = await Validate(version);
        if (problems.Count > 0)
        {
            LogPublicationRejected(logger, Kind.Name, version, problems.Count);
            return new PublicationResult(false, version, problems);
        }
        await ActivateAsync(version, author);
        return new PublicationResult(true, version, []);
    }

    public async Task<RuleSetOverview> Rollback(int version, string author)
    {
        var info = Find(version);
        if (info.PublishedAt is null)
            throw new RuleSetException(RuleSetErrors.NeverPublished, $"Version {version} war nie veröffentlicht; zurückrollen geht nur auf eine frühere veröffentlichte Version.");
        // Always (re)activate: this also repairs a registry that missed an earlier activation.
        await ActivateAsync(version, author);
        return Overview();
    }

    public async Task<RuleSetDiff> Diff(int from, int to)
    {
        _ = Find(from);
        _ = Find(to);
        return RuleSetDiffer.Compare(
            from, RuleSetDocument.Parse(await GetDocument(from)), to, RuleSetDocument.Parse(await GetDocument(to)));
    }

    public async Task EnsureDefault(string documentJson)
    {
        if (state.State.ActiveVersion is { } active)
        {
            // Reconcile: the registry names what this grain says is active (repairs a failed earlier activation).
            await GrainFactory.GetGrain<IRuleRegistryGrain>(0).SetActive(Kind.Name, active);
            return;
        }
        // Nothing active yet: publish the shipped document (again, if an earlier attempt stopped half way).
        var draft = state.State.Versions.FirstOrDefault(v => v.CreatedBy == "system" && v.Status == RuleSetVersionStatus.Draft)
            ?? await CreateDraft(documentJson, "system", "Auslieferungsstand");
        var result = await Publish(draft.Version, "system");
        if (!result.Published)
            throw new InvalidOperationException($"the shipped rule set {Kind.Name} does not pass its own tests: {result.Problems[0].Message}");
    }

    private async Task ActivateAsync(int version, string author)
    {
        var now = clock.GetUtcNow();
        for (var i = 0; i < state.State.Versions.Count; i++)
        {
            var v = state.State.Versions[i];
            if (v.Version == version)
                state.State.Versions[i] = v with { Status = RuleSetVersionStatus.Published, PublishedAt = v.PublishedAt ?? now, PublishedBy = v.PublishedBy ?? author };
            else if (v.Status == RuleSetVersionStatus.Published)
                state.State.Versions[i] = v with { Status = RuleSetVersionStatus.Retired };
        }
        state.State.ActiveVersion = version;
        await WriteStateAsync();
        await GrainFactory.GetGrain<IRuleRegistryGrain>(0).SetActive(Kind.Name, version);
        LogActivated(logger, Kind.Name, version);
    }

    /// <summary>Writes the state; after a failure the activation goes, so memory never claims what storage does not hold.</summary>
    private async Task WriteStateAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private RuleSetVersionInfo Find(int version) =>
        state.State.Versions.FirstOrDefault(v => v.Version == version)
        ?? throw new RuleSetException(RuleSetErrors.UnknownVersion, $"Version {version} von {Kind.Name} gibt es nicht.");

    private RuleSetOverview Overview() => new(Kind.Name, state.State.ActiveVersion, state.State.Versions.ToArray());

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule set {RuleSet} version {Version} is active")]
    private static partial void LogActivated(ILogger logger, string ruleSet, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publication of rule set {RuleSet} version {Version} rejected: {Problems} problems")]
    private static partial void LogPublicationRejected(ILogger logger, string ruleSet, int version, int problems);

    [GenerateSerializer, Alias("Kasse.Rules.RuleSetGrain.State")]
    public sealed class State
    {
        [Id(0)] public List<RuleSetVersionInfo> Versions { get; set; } = [];
        [Id(1)] public int? ActiveVersion { get; set; }
        [Id(2)] public int NextVersion { get; set; }
    }
}
