using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// Which fields must be judged again when one field of a section changes: the field itself and every field whose
/// <c>visibleIf</c>, <c>requiredIf</c>, <c>enabledIf</c> or validations read it (<see cref="FormFieldReferences"/>).
/// Built once per compiled definition. A field that a repeating group or a row field reads, a group itself, and every
/// field when some expression reads a field by a computed id, have no entry: a change of those is evaluated whole.
/// </summary>
internal sealed class FormDependencyIndex
{
    private readonly FrozenDictionary<string, int[]> _dependents;

    private FormDependencyIndex(FrozenDictionary<string, int[]> dependents) => _dependents = dependents;

    /// <summary>
    /// The indexes in <see cref="FormModel.Fields"/> of the fields a change of <paramref name="fieldId"/> may change,
    /// itself first; false when such a change must be evaluated whole.
    /// </summary>
    public bool TryDependents(string fieldId, [NotNullWhen(true)] out int[]? indexes) => _dependents.TryGetValue(fieldId, out indexes);

    public static FormDependencyIndex Build(FormFieldNode[] fields)
    {
        var readers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var readByRows = new HashSet<string>(StringComparer.Ordinal);
        var readsAny = new List<int>();
        var rowsReadAny = false;
        for (var i = 0; i < fields.Length; i++)
        {
            var node = fields[i];
            if (node.Type == FormFieldType.RepeatingGroup)
            {
                foreach (var reader in node.Children.Prepend(node))
                {
                    if (Reads(reader) is { } ids)
                        readByRows.UnionWith(ids);
                    else
                        rowsReadAny = true;
                }
                continue;
            }
            if (Reads(node) is not { } read)
            {
                readsAny.Add(i);
                continue;
            }
            foreach (var id in read)
            {
                if (!readers.TryGetValue(id, out var list))
                    readers[id] = list = [];
                list.Add(i);
            }
        }
        var dependents = new Dictionary<string, int[]>(StringComparer.Ordinal);
        if (!rowsReadAny)
        {
            for (var i = 0; i < fields.Length; i++)
            {
                var id = fields[i].Id;
                if (fields[i].Type == FormFieldType.RepeatingGroup || readByRows.Contains(id))
                    continue;
                var own = readers.GetValueOrDefault(id) ?? [];
                dependents[id] = [i, .. own.Concat(readsAny).Where(j => j != i).Distinct().Order()];
            }
        }
        return new FormDependencyIndex(dependents.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The field ids a field's expressions read; null when one of them reads a field by a computed id.</summary>
    private static HashSet<string>? Reads(FormFieldNode node)
    {
        var definition = node.Definition;
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in definition.Validations.Select(v => v.Rule).Append(definition.VisibleIf).Append(definition.RequiredIf).Append(definition.EnabledIf))
        {
            if (expression is null)
                continue;
            if (FormFieldReferences.Ids(expression) is not { } ids)
                return null;
            all.UnionWith(ids);
        }
        return all;
    }
}
