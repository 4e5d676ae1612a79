using Kasse.Forms;
using Kasse.Grains.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// One form's versions, as with rule sets: drafts are stored append-only, publication compiles every expression and runs
/// the document's test cases, the published version becomes active and the former one retired. Sessions pin the version
/// active at their start (<see cref="FormModels"/> compiles each version once per silo).
/// </summary>
public sealed partial class FormDefinitionGrain(
    [PersistentState("form-definition", Grains.StorageNames.Default)] IPersistentState<FormDefinitionGrain.State> state,
    IFormDefinitionStore store,
    TimeProvider clock,
    IOptions<RuleBudgetOptions> budget,
    ILogger<FormDefinitionGrain> logger) : Grain, IFormDefinitionGrain
{
    private string Name => this.GetPrimaryKeyString();

    public Task<FormDefinitionOverview> GetOverview() => Task.FromResult(Overview());

    public async Task<string> GetDocument(int version)
    {
        _ = Find(version);
        return await store.LoadAsync(Name, version)
            ?? throw new FormException(FormErrors.DefinitionNotFound, $"Version {version} von {Name} fehlt im Speicher.");
    }

    public async Task<FormDefinitionVersionInfo> CreateDraft(string documentJson, string author, string? comment)
    {
        ArgumentNullException.ThrowIfNull(documentJson);
        if (!FormDefinitionParser.NamePattern().IsMatch(Name))
            throw new FormException(FormErrors.DefinitionInvalid, "Der Name besteht aus 1–64 Kleinbuchstaben, Ziffern und '-'.");
        var problems = new List<FormDefinitionProblem>();
        var definition = FormDefinitionParser.Parse(documentJson, problems);
        if (definition is not null && definition.Name != Name)
            problems.Add(new FormDefinitionProblem("name", $"Das Dokument heißt '{definition.Name}', gespeichert wird es unter '{Name}'."));
        if (definition is null || problems.Count > 0)
            throw FormModelCompiler.Invalid(problems);

        // The number is taken (and stored) before the document is written: after a failure a number is skipped, never
        // reused, so a stored document can never be claimed by a later, different draft.
        var version = Math.Max(state.State.NextVersion, state.State.Versions.Count == 0 ? 1 : state.State.Versions.Max(v => v.Version) + 1);
        state.State.NextVersion = version + 1;
        await WriteStateAsync();
        await store.SaveAsync(Name, version, documentJson);
        if (await store.LoadAsync(Name, version) != documentJson)
            throw new FormException(FormErrors.DefinitionInvalid, $"Version {version} ist bereits mit einem anderen Dokument belegt.");
        var info = new FormDefinitionVersionInfo(version, FormDefinitionStatus.Draft, author, clock.GetUtcNow(), comment);
        state.State.Versions.Add(info);
        state.State.Title ??= definition.Title;
        await WriteStateAsync();
        await GrainFactory.GetGrain<IFormCatalogGrain>(0).Register(Name);
        return info;
    }

    public async Task<IReadOnlyList<FormDefinitionProblem>> Validate(int version)
    {
        return FormModelCompiler.Validate(await GetDocument(version), version, budget.Value);
    }

    public async Task<FormDefinitionOverview> Publish(int version, string author)
    {
        var info = Find(version);
        if (info.Status == FormDefinitionStatus.Published)
            return Overview();
        var document = await GetDocument(version);
        var problems = FormModelCompiler.Validate(document, version, budget.Value);
        if (problems.Count > 0)
        {
            LogPublicationRejected(logger, Name, version, problems.Count);
            throw FormModelCompiler.Invalid(problems);
        }
        var title = FormDefinitionParser.Parse(document, []) is { } definition ? definition.Title : state.State.Title;
        for (var i = 0; i < state.State.Versions.Count; i++)
        {
            var v = state.State.Versions[i];
            if (v.Version == version)
                state.State.Versions[i] = v with { Status = FormDefinitionStatus.Published };
            else if (v.Status == FormDefinitionStatus.Published)
                state.State.Versions[i] = v with { Status = FormDefinitionStatus.Retired };
        }
        state.State.ActiveVersion = version;
        state.State.Title = title;
        await WriteStateAsync();
        await GrainFactory.GetGrain<IFormCatalogGrain>(0).Register(Name);
        LogPublished(logger, Name, version, author == "system" ? "system" : "admin");
        return Overview();
    }

    public async Task EnsureDefault(string documentJson)
    {
        if (state.State.ActiveVersion is not null)
        {
            await GrainFactory.GetGrain<IFormCatalogGrain>(0).Register(Name);
            return;
        }
        // Nothing active yet: publish the shipped document (again, if an earlier attempt stopped half way).
        var draft = state.State.Versions.FirstOrDefault(v => v.Author == "system" && v.Status == FormDefinitionStatus.Draft)
            ?? await CreateDraft(documentJson, "system", "Auslieferungsstand");
        await Publish(draft.Version, "system");
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

    private FormDefinitionVersionInfo Find(int version) =>
        state.State.Versions.FirstOrDefault(v => v.Version == version)
        ?? throw new FormException(FormErrors.DefinitionNotFound, $"Version {version} von {Name} gibt es nicht.");

    private FormDefinitionOverview Overview() =>
        new(Name, state.State.Title ?? new LocalizedText(Name), state.State.ActiveVersion, state.State.Versions.ToArray());

    [LoggerMessage(Level = LogLevel.Information, Message = "Form definition {Name} version {Version} published by {AuthorKind}")]
    private static partial void LogPublished(ILogger logger, string name, int version, string authorKind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publication of form definition {Name} version {Version} rejected: {Problems} problems")]
    private static partial void LogPublicationRejected(ILogger logger, string name, int version, int problems);

    [GenerateSerializer, Alias("Kasse.Forms.FormDefinitionGrain.State")]
    public sealed class State
    {
        [Id(0)] public List<FormDefinitionVersionInfo> Versions { get; set; } = [];
        [Id(1)] public int? ActiveVersion { get; set; }
        [Id(2)] public int NextVersion { get; set; }
        [Id(3)] public LocalizedText? Title { get; set; }
    }
}
