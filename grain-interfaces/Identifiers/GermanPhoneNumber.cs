namespace Kasse;

/// <summary>
/// A German phone number as people type it — <c>030 1234567</c>, <c>030/123 45 67</c>, <c>(030) 1234-567</c>,
/// <c>0171 1234567</c>, <c>+49 30 1234567</c>, <c>+49 (0)30 1234567</c>, <c>0049 30 1234567</c> — normalised to E.164
/// (<c>+49301234567</c>). Spaces, <c>/</c>, <c>-</c>, <c>.</c> and parentheses group digits; a national number starts
/// with one 0 and an area or mobile code (not 0); the national significant number has 6 to 13 digits.
/// </summary>
public static class GermanPhoneNumber
{
    public const string InvalidMessage = "Die Telefonnummer ist ungültig (deutsche Rufnummer, z. B. 030 1234567 oder +49 171 1234567).";

    /// <summary>The number in E.164, or null when it is not a German phone number.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null || input.Length > 40)
            return null;
        var text = input.Trim().Replace("(0)", "", StringComparison.Ordinal);
        var digits = new System.Text.StringBuilder(20);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
                digits.Append(c);
            else if (c == '+' && i == 0)
                digits.Append("00");
            else if (c is not (' ' or '/' or '-' or '.' or '(' or ')'))
                return null;
        }
        var all = digits.ToString();
        string national;
        if (all.StartsWith("0049", StringComparison.Ordinal))
            national = all[4..];
        else if (all.StartsWith("00", StringComparison.Ordinal))
            return null; // another country
        else if (all.StartsWith('0'))
            national = all[1..];
        else
            return null;
        if (national.Length is < 6 or > 13 || national[0] == '0')
            return null;
        return "+49" + national;
    }

    public static bool IsValid(string? input) => Normalize(input) is not null;

    /// <summary>The number with all but the last two digits hidden, for confirmations (<c>+49 ••• 67</c>).</summary>
    public static string Masked(string e164) => "+49 ••• " + e164[^2..];
}
