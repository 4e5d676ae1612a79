using Kasse.Forms;
using Orleans.Concurrency;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>Evaluates values with a definition version for the admin preview; stateless, nothing is stored.</summary>
[StatelessWorker]
public sealed class FormPreviewGrain(IFormModels models, TimeProvider clock) : Grain, IFormPreviewGrain
{
    public async Task<FormDefinitionPreview> Preview(string name, int? version, IReadOnlyDictionary<string, string> values, DateOnly? today)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = version is { } v ? await models.GetAsync(name, v) : await models.GetActiveAsync(name);
        var normalized = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, json) in values)
        {
            if (model.Describe(path) is null)
                throw new FormException(FormErrors.UnknownField, $"Das Formular hat kein Feld {path}.");
            var shape = model.CheckShape(path, json);
            if (!shape.Ok)
                throw new FormException(FormErrors.ValueInvalid, $"{path}: {shape.Message}");
            if (shape.NormalizedJson is not null)
                normalized[path] = shape.NormalizedJson;
        }
        var evaluation = model.Evaluate(normalized, today ?? FormToday.Of(clock));
        var cleared = evaluation.ClearedPaths.ToHashSet(StringComparer.Ordinal);
        var fields = evaluation.Fields
            .Select(f => new FieldState(
                f.Path, cleared.Contains(f.Path) ? null : normalized.GetValueOrDefault(f.Path), 0, null, null, f.Visible, f.Required, f.Enabled, f.Error))
            .ToArray();
        return new FormDefinitionPreview(model.ClientDefinitionJson, fields, evaluation.Steps, evaluation.Complete);
    }

    public Task<IReadOnlyList<FormDefinitionProblem>> CheckDocument(string documentJson)
    {
        ArgumentNullException.ThrowIfNull(documentJson);
        var problems = new List<FormDefinitionProblem>();
        FormDefinitionParser.Parse(documentJson, problems);
        return Task.FromResult<IReadOnlyList<FormDefinitionProblem>>(problems);
    }
}
