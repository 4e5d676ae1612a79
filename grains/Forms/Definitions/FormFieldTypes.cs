using System.Collections.Frozen;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>The names field types have in a definition document (<c>"type": "yesNo"</c>).</summary>
public static class FormFieldTypes
{
    private static readonly FrozenDictionary<string, FormFieldType> ByName = new Dictionary<string, FormFieldType>(StringComparer.Ordinal)
    {
        ["text"] = FormFieldType.Text,
        ["number"] = FormFieldType.Number,
        ["date"] = FormFieldType.Date,
        ["choice"] = FormFieldType.Choice,
        ["yesNo"] = FormFieldType.YesNo,
        ["iban"] = FormFieldType.Iban,
        ["steuerId"] = FormFieldType.SteuerId,
        ["kvnr"] = FormFieldType.Kvnr,
        ["address"] = FormFieldType.Address,
        ["file"] = FormFieldType.File,
        ["consent"] = FormFieldType.Consent,
        ["repeatingGroup"] = FormFieldType.RepeatingGroup,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<FormFieldType, string> Names = ByName.ToFrozenDictionary(e => e.Value, e => e.Key);

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string name, out FormFieldType type) => ByName.TryGetValue(name, out type);

    public static string NameOf(FormFieldType type) => Names[type];
}
