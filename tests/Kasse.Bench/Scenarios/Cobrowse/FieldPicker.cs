using System.Text.Json;
using Kasse.Forms;

namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// Reads the client definition and a state for the fields the load types into: plain text fields (not sensitive, not
/// inside a repeating group) that are visible and enabled, in definition order; and the yes/no questions that may
/// reveal more of them when answered "yes" (the set-up answers them until the load has three text fields: the
/// insured's, the agent's, and the one both write).
/// </summary>
public static class FieldPicker
{
    public static IReadOnlyList<string> TextFields(string definitionJson, FormViewState state) => Fields(definitionJson, state, "text");

    public static IReadOnlyList<string> YesNoQuestions(string definitionJson, FormViewState state) => Fields(definitionJson, state, "yesNo");

    private static List<string> Fields(string definitionJson, FormViewState state, string type)
    {
        var editable = state.Fields.Where(f => f.Visible && f.Enabled && !f.Masked).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        using var definition = JsonDocument.Parse(definitionJson);
        var found = new List<string>();
        foreach (var step in definition.RootElement.GetProperty("steps").EnumerateArray())
        {
            foreach (var section in step.GetProperty("sections").EnumerateArray())
            {
                foreach (var field in section.GetProperty("fields").EnumerateArray())
                {
                    var id = field.GetProperty("id").GetString()!;
                    var sensitive = field.TryGetProperty("sensitive", out var s) && s.ValueKind == JsonValueKind.True;
                    if (field.GetProperty("type").GetString() == type && !sensitive && editable.Contains(id))
                        found.Add(id);
                }
            }
        }
        return found;
    }
}
