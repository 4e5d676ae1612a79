namespace Kasse.Web.Validation;

/// <summary>
/// What the HTTP API accepts as text in a query, route or body value: no NUL or other control characters (tab, CR and
/// LF excepted) and no unpaired surrogates. PostgreSQL cannot store NUL, and none of these is something a person typed.
/// </summary>
public static class TextRules
{
    public static bool IsClean(string? text)
    {
        if (text is null)
            return true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\r' or '\n')))
                return false;
        }
        return true;
    }
}
