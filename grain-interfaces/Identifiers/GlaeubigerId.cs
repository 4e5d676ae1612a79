namespace Kasse;

/// <summary>
/// The SEPA creditor identifier (Gläubiger-Identifikationsnummer) of a German creditor: <c>DE</c>, 2 check digits,
/// a 3-character business code (usually <c>ZZZ</c>) and an 11-character national identifier, 18 characters in all.
/// The check digits are 98 minus (national identifier + <c>DE00</c>, letters as 10-35) mod 97; the business code is
/// not part of the check. Input may contain spaces and lower case.
/// </summary>
public static class GlaeubigerId
{
    public const string InvalidMessage = "Die Gläubiger-Identifikationsnummer ist ungültig (DE, Prüfziffern, Geschäftsbereich, 11 Stellen).";

    public const int Length = 18;

    public static bool IsValid(string? value)
    {
        if (value is null)
            return false;
        Span<char> id = stackalloc char[Length];
        var length = 0;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
                continue;
            if (length == Length)
                return false;
            id[length++] = char.ToUpperInvariant(c);
        }
        if (length != Length || id[0] != 'D' || id[1] != 'E' || !char.IsAsciiDigit(id[2]) || !char.IsAsciiDigit(id[3]))
            return false;
        for (var i = 4; i < Length; i++)
        {
            if (!char.IsAsciiDigit(id[i]) && !char.IsAsciiLetterUpper(id[i]))
                return false;
        }
        // National identifier, then the country code and the check digits: the remainder is 1 exactly when
        // the check digits are 98 - (national id + "DE00") mod 97.
        var remainder = 0;
        for (var i = 7; i < Length; i++)
            remainder = Iban.Mod97Step(remainder, id[i]);
        for (var i = 0; i < 4; i++)
            remainder = Iban.Mod97Step(remainder, id[i]);
        return remainder == 1;
    }
}
