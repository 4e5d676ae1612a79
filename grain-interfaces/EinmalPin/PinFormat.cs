namespace Kasse.EinmalPin;

/// <summary>
/// The PIN as printed and typed: 13 characters from an alphabet without look-alikes (no 0/O, 1/I/L), 31 symbols, so
/// 13 × log2(31) ≈ 64.4 bits; printed in groups 4-4-5 joined by '-'. Input is accepted in any case, with spaces or
/// hyphens anywhere.
/// </summary>
public static class PinFormat
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 13;
    public static readonly int[] Groups = [4, 4, 5];

    /// <summary>Upper case, spaces and hyphens removed; null when the result is not 13 characters of the alphabet.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 64)
            return null;
        Span<char> chars = stackalloc char[Length];
        var count = 0;
        foreach (var c in typed)
        {
            if (c is ' ' or '-')
                continue;
            var upper = char.ToUpperInvariant(c);
            if (count == Length || !Alphabet.Contains(upper, StringComparison.Ordinal))
                return null;
            chars[count++] = upper;
        }
        return count == Length ? new string(chars) : null;
    }

    /// <summary>The normalised PIN in its printed groups, e.g. <c>ABCD-EFGH-JKMNP</c>.</summary>
    public static string Grouped(string normalized)
    {
        var parts = new List<string>(Groups.Length);
        var at = 0;
        foreach (var size in Groups)
        {
            parts.Add(normalized.Substring(at, size));
            at += size;
        }
        return string.Join('-', parts);
    }
}
