using System.Text.Json;
using Kasse.Forms;

namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// Chooses the fields the load types into, from the client definition and the state a session starts with: plain
/// single-line or multi-line text fields (not sensitive, not inside a repeating group) that are visible and enabled
/// right away, in definition order. The first is the insured's, the second the agent's, the third the one both write
/// (the insured's own field again when the form has only two).
/// </summary>
public static class FieldPicker
{
    public static (string Insured, string Agent, string Shared) Pick(string definitionJson, FormViewState state)
    {
        var editable = state.Fields.Where(f => f.Visible && f.Enabled && !f.Masked).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        using var definition = JsonDocument.Parse(definitionJson);
        var candidates = new List<string>();
        foreach (var step in definition.RootElement.GetProperty("steps").EnumerateArray())
        {
            foreach (var section in step.GetProperty("sections").EnumerateArray())
            {
                foreach (var field in section.GetProperty("fields").EnumerateArray())
                {
                    var id = field.GetProperty("id").GetString()!;
                    var sensitive = field.TryGetProperty("sensitive", out var s) && s.ValueKind == JsonValueKind.True;
                    if (field.GetProperty("type").GetString() == "text" && !sensitive && editable.Contains(id))
                        candidates.Add(id);
                }
            }
        }
        return candidates.Count switch
        {
            >= 3 => (candidates[0], candidates[1], candidates[2]),
            2 => (candidates[0], candidates[1], candidates[0]),
            _ => throw new InvalidOperationException(
                $"the form has {candidates.Count} text field(s) editable from the start; the load needs two: {string.Join(", ", candidates)}"),
        };
    }
}
