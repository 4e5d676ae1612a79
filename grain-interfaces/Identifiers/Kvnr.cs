namespace Kasse;

/// <summary>
/// The unchangeable part of the Krankenversichertennummer: a letter A-Z, 8 digits, a check digit.
/// The letter becomes its position 01-26; the 10 digits are weighted 1,2,1,2,… from the left; the check digit is the
/// sum of the products' digit sums mod 10.
/// </summary>
public static class Kvnr
{
    public const string InvalidMessage = "Die Krankenversichertennummer ist ungültig (Buchstabe, 8 Ziffern, Prüfziffer).";

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 10 || value[0] is < 'A' or > 'Z')
            return false;
        for (var i = 1; i < 10; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
                return false;
        }
        var letter = value[0] - 'A' + 1;
        Span<int> digits = stackalloc int[10];
        digits[0] = letter / 10;
        digits[1] = letter % 10;
        for (var i = 1; i <= 8; i++)
            digits[i + 1] = value[i] - '0';
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var product = digits[i] * (i % 2 == 0 ? 1 : 2);
            sum += product / 10 + product % 10;
        }
        return sum % 10 == value[9] - '0';
    }
}
