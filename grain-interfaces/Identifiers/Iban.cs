namespace Kasse;

/// <summary>
/// The International Bank Account Number (ISO 13616): 2 letters (country), 2 check digits, up to 30 letters and digits.
/// Move the first 4 characters to the end, replace letters by 10-35; the number mod 97 must be 1. A German IBAN has 22
/// characters: <c>DE</c>, 2 check digits, the 8-digit bank code (BLZ) and the 10-digit account number.
/// Input may contain spaces and lower case; <see cref="Normalize"/> gives the stored form.
/// </summary>
public static class Iban
{
    public const string InvalidMessage = "Die IBAN ist ungültig (Ländercode, Prüfziffern, Kontonummer; in Deutschland 22 Stellen).";

    public const int MinLength = 15;
    public const int MaxLength = 34;
    public const int GermanLength = 22;

    /// <summary>Upper case without white space, e.g. <c>de89 3704 0044 0532 0130 00</c> → <c>DE89370400440532013000</c>.</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Create(value.Length - CountWhiteSpace(value), value, static (span, source) =>
        {
            var j = 0;
            foreach (var c in source)
            {
                if (!char.IsWhiteSpace(c))
                    span[j++] = char.ToUpperInvariant(c);
            }
        });
    }

    public static bool IsValid(string? value)
    {
        if (value is null)
            return false;
        Span<char> iban = stackalloc char[MaxLength];
        var length = 0;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
                continue;
            if (length == MaxLength)
                return false;
            iban[length++] = char.ToUpperInvariant(c);
        }
        return IsValidNormalized(iban[..length]);
    }

    /// <summary>True when <paramref name="value"/> is a valid IBAN of a German account (country <c>DE</c>, 22 characters).</summary>
    public static bool IsGerman(string? value)
    {
        if (!IsValid(value))
            return false;
        Span<char> country = stackalloc char[2];
        var length = 0;
        foreach (var c in value!)
        {
            if (char.IsWhiteSpace(c))
                continue;
            country[length++] = char.ToUpperInvariant(c);
            if (length == 2)
                break;
        }
        return country is ['D', 'E'];
    }

    private static bool IsValidNormalized(ReadOnlySpan<char> iban)
    {
        if (iban.Length is < MinLength or > MaxLength)
            return false;
        if (!char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1]) || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
            return false;
        var german = iban[0] == 'D' && iban[1] == 'E';
        if (german && iban.Length != GermanLength)
            return false;
        for (var i = 4; i < iban.Length; i++)
        {
            var c = iban[i];
            if (german ? !char.IsAsciiDigit(c) : !char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
                return false;
        }
        var remainder = 0;
        for (var i = 4; i < iban.Length; i++)
            remainder = Mod97Step(remainder, iban[i]);
        for (var i = 0; i < 4; i++)
            remainder = Mod97Step(remainder, iban[i]);
        return remainder == 1;
    }

    private static int CountWhiteSpace(string value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
                count++;
        }
        return count;
    }

    /// <summary>ISO 7064 MOD 97-10, one character at a time: digits, and upper-case letters as 10 (A) … 35 (Z).</summary>
    internal static int Mod97Step(int remainder, char c) =>
        c <= '9'
            ? (remainder * 10 + (c - '0')) % 97
            : (remainder * 100 + (c - 'A' + 10)) % 97;
}
