using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// The SHA-256 content hash of a submission (lower-case hex), printed on the control document so anyone can check the
/// stored answers against the paper. Input: the UTF-8 bytes of the canonical JSON of
/// <c>{"caseReference":…,"form":…,"values":{path:value,…},"version":…}</c> — every object's keys sorted ordinally
/// (also inside values, e.g. an address), no whitespace, numbers as stored, strings escaped minimally (<c>\"</c>,
/// <c>\\</c>, control characters as <c>\b \f \n \r \t</c> or <c>\u00xx</c>; everything else literal).
/// </summary>
public static class FormContentHash
{
    public static string Compute(string formName, int formVersion, string caseReference, IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder();
        text.Append("{\"caseReference\":");
        AppendString(text, caseReference);
        text.Append(",\"form\":");
        AppendString(text, formName);
        text.Append(",\"values\":{");
        var first = true;
        foreach (var (path, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!first)
                text.Append(',');
            first = false;
            AppendString(text, path);
            text.Append(':');
            using var document = JsonDocument.Parse(value);
            AppendCanonical(text, document.RootElement);
        }
        text.Append("},\"version\":").Append(formVersion.ToString(CultureInfo.InvariantCulture)).Append('}');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void AppendCanonical(StringBuilder text, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                        text.Append(',');
                    first = false;
                    AppendString(text, property.Name);
                    text.Append(':');
                    AppendCanonical(text, property.Value);
                }
                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                        text.Append(',');
                    AppendCanonical(text, item);
                }
                text.Append(']');
                break;
            case JsonValueKind.String:
                AppendString(text, element.GetString()!);
                break;
            default:
                // Numbers as stored (the form model normalises them), true, false, null.
                text.Append(element.GetRawText());
                break;
        }
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }
}
