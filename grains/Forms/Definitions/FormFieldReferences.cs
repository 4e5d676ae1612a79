using System.Text.RegularExpressions;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// The fields a form expression reads: every <c>Text("id")</c>, <c>Number</c>, <c>Date</c>, <c>Bool</c>, <c>IsSet</c>
/// and <c>Count</c> with a literal id (an address part <c>"adresse.postalCode"</c> reads <c>adresse</c>). The compiler
/// checks these ids; the dependency index uses them to re-evaluate only what an edit can change.
/// </summary>
internal static partial class FormFieldReferences
{
    /// <summary>Each read with a literal id: groups <c>member</c> and <c>id</c> (as written, with an address part).</summary>
    public static MatchCollection Literal(string expression) => LiteralRead().Matches(expression);

    /// <summary>
    /// The field ids <paramref name="expression"/> reads, or null when it reads one whose id is not a literal (then any
    /// field may matter to it).
    /// </summary>
    public static HashSet<string>? Ids(string expression)
    {
        var literal = LiteralRead().Matches(expression);
        if (literal.Count != AnyRead().Count(expression))
            return null;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in literal)
            ids.Add(FieldIdOf(match.Groups["id"].Value));
        return ids;
    }

    /// <summary>The field id of a reference: <c>adresse.postalCode</c> → <c>adresse</c>.</summary>
    public static string FieldIdOf(string reference)
    {
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? reference : reference[..dot];
    }

    [GeneratedRegex("""\b(?<member>Text|Number|Date|Bool|IsSet|Count)\s*\(\s*"(?<id>[^"]*)"\s*\)""")]
    private static partial Regex LiteralRead();

    [GeneratedRegex("""\b(Text|Number|Date|Bool|IsSet|Count)\s*\(""")]
    private static partial Regex AnyRead();
}
