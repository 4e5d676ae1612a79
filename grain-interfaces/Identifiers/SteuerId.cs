namespace Kasse;

/// <summary>
/// The steuerliche Identifikationsnummer: 11 digits, the first not 0. Among the first 10 digits exactly one digit occurs
/// twice or three times and every other at most once; a digit occurring three times must not stand in three consecutive
/// positions. The 11th digit is the check digit by ISO 7064 MOD 11,10.
/// </summary>
public static class SteuerId
{
    public const string InvalidMessage = "Die Steuer-ID ist ungültig (11 Ziffern, erste Ziffer nicht 0, Prüfziffer).";

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 11 || value[0] == '0')
            return false;
        for (var i = 0; i < 11; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
                return false;
        }
        return HasValidRepetition(value) && CheckDigit(value) == value[10] - '0';
    }

    /// <summary>Exactly one digit twice or three times among the first 10, the others at most once; no triple in a row.</summary>
    private static bool HasValidRepetition(string value)
    {
        Span<int> counts = stackalloc int[10];
        for (var i = 0; i < 10; i++)
            counts[value[i] - '0']++;
        var repeated = -1;
        for (var digit = 0; digit < 10; digit++)
        {
            if (counts[digit] <= 1)
                continue;
            if (counts[digit] > 3 || repeated >= 0)
                return false;
            repeated = digit;
        }
        if (repeated < 0)
            return false;
        if (counts[repeated] == 3)
        {
            var digit = (char)('0' + repeated);
            for (var i = 0; i + 2 < 10; i++)
            {
                if (value[i] == digit && value[i + 1] == digit && value[i + 2] == digit)
                    return false;
            }
        }
        return true;
    }

    /// <summary>ISO 7064 MOD 11,10 over the first 10 digits.</summary>
    private static int CheckDigit(string value)
    {
        var product = 10;
        for (var i = 0; i < 10; i++)
        {
            var sum = (value[i] - '0' + product) % 10;
            if (sum == 0)
                sum = 10;
            product = 2 * sum % 11;
        }
        var check = 11 - product;
        return check == 10 ? 0 : check;
    }
}
