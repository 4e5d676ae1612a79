using System.Collections.Concurrent;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// The silo's compiled form definitions. A version never changes once written, so a compiled model is cached per
/// (name, version) for good; the active version is asked of the definition grain on every <see cref="GetActiveAsync"/>
/// (one cheap grain call), so a publication is seen by the next call on every silo.
/// </summary>
public sealed class FormModels(IGrainFactory grains) : IFormModels
{
    private readonly ConcurrentDictionary<(string Name, int Version), Lazy<Task<FormModel>>> _models = new();

    public async Task<IFormModel> GetActiveAsync(string name)
    {
        var definition = Definition(name);
        var overview = await definition.GetOverview();
        if (overview.ActiveVersion is null && ShippedFormDefinitions.Names.Contains(name))
        {
            // A session may start before FormDefaultsPublisher's first round: publish the shipped version now
            // (idempotent; the grain does nothing when a version is already active).
            await definition.EnsureDefault(ShippedFormDefinitions.Document(name));
            overview = await definition.GetOverview();
        }
        return overview.ActiveVersion is { } version
            ? await GetAsync(name, version)
            : throw NotFound(name);
    }

    public async Task<IFormModel> GetAsync(string name, int version)
    {
        var key = (name, version);
        var entry = _models.GetOrAdd(key, k => new Lazy<Task<FormModel>>(() => LoadAsync(k.Name, k.Version)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failed load (unknown version, storage down) is not cached: the next call tries again.
            _models.TryRemove(new KeyValuePair<(string, int), Lazy<Task<FormModel>>>(key, entry));
            throw;
        }
    }

    private async Task<FormModel> LoadAsync(string name, int version)
    {
        var document = await Definition(name).GetDocument(version);
        return FormModelCompiler.CompileOrThrow(document, version);
    }

    private IFormDefinitionGrain Definition(string name) =>
        name is not null && FormDefinitionParser.NamePattern().IsMatch(name) ? grains.GetGrain<IFormDefinitionGrain>(name) : throw NotFound(name ?? "");

    private static FormException NotFound(string name) =>
        new(FormErrors.DefinitionNotFound, $"Das Formular {name} gibt es nicht (oder es ist keine Version veröffentlicht).");
}
