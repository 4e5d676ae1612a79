using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Kasse.Grains.Rules;

/// <summary>
/// The functions a rule expression may call, as <c>RuleFunctions.Age(input.BirthDate, input.Today)</c>.
/// Every function is pure, accepts null strings where a string is expected, and never touches the clock: the date a
/// rule judges by comes from the input, so a decision can be replayed.
/// </summary>
public static class RuleFunctions
{
    /// <summary>Upper bound for one <see cref="Matches"/> call; a pattern that takes longer makes the rule fail with an error.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private const int MaxCachedPatterns = 256;
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    // ---- dates ----

    /// <summary>
    /// Completed years of life on <paramref name="onDate"/> (§187 Abs. 2, §188 Abs. 2 BGB: the birthday itself counts).
    /// Someone born on 29 February becomes a year older on 1 March in a common year, and on 29 February in a leap year.
    /// Negative when <paramref name="onDate"/> precedes <paramref name="birthDate"/>.
    /// </summary>
    public static int Age(DateOnly birthDate, DateOnly onDate)
    {
        var age = onDate.Year - birthDate.Year;
        if (onDate.Month < birthDate.Month || onDate.Month == birthDate.Month && onDate.Day < birthDate.Day)
            age--;
        return age;
    }

    public static DateOnly AddDays(DateOnly date, int days) => date.AddDays(days);

    /// <summary>Calendar months; the day is clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).</summary>
    public static DateOnly AddMonths(DateOnly date, int months) => date.AddMonths(months);

    /// <summary>Calendar years; 29 February becomes 28 February in a common year.</summary>
    public static DateOnly AddYears(DateOnly date, int years) => date.AddYears(years);

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/>: positive when <paramref name="to"/> is later.</summary>
    public static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;

    // ---- identifiers (../shared/DOMAIN.md) ----

    public static bool IsValidKvnr(string? value) => Kvnr.IsValid(value);

    public static bool IsValidSteuerId(string? value) => SteuerId.IsValid(value);

    /// <summary>Any country; spaces and lower case allowed.</summary>
    public static bool IsValidIban(string? value) => Iban.IsValid(value);

    /// <summary>A valid IBAN of a German account (<c>DE</c>, 22 characters).</summary>
    public static bool IsGermanIban(string? value) => Iban.IsGerman(value);

    public static bool IsValidGlaeubigerId(string? value) => GlaeubigerId.IsValid(value);

    // ---- lists ----

    /// <summary>True when <paramref name="value"/> equals one of <paramref name="list"/> (ordinal, case-sensitive).</summary>
    public static bool In(string? value, params string[] list)
    {
        if (value is null)
            return false;
        foreach (var item in list)
        {
            if (string.Equals(value, item, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    // ---- strings ----

    /// <summary>Null, empty or only white space.</summary>
    public static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>Length in UTF-16 code units; 0 for null.</summary>
    public static int Length(string? value) => value?.Length ?? 0;

    /// <summary>Ordinal prefix test; false for null.</summary>
    public static bool StartsWith(string? value, string prefix) =>
        value is not null && value.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>
    /// True when <paramref name="pattern"/> (a .NET regular expression, culture-invariant) matches somewhere in
    /// <paramref name="value"/>; anchor it with <c>^…$</c> for a whole-value match. False for null. Throws
    /// <see cref="RegexMatchTimeoutException"/> after <see cref="RegexTimeout"/> and <see cref="ArgumentException"/> for a
    /// malformed pattern; the evaluator reports either as a failed rule with an error.
    /// </summary>
    public static bool Matches(string? value, string pattern) =>
        value is not null && GetRegex(pattern).IsMatch(value);

    /// <summary>The compiled pattern, cached; throws <see cref="ArgumentException"/> for a malformed one.</summary>
    internal static Regex GetRegex(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (Patterns.TryGetValue(pattern, out var regex))
            return regex;
        regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        if (Patterns.Count < MaxCachedPatterns)
            Patterns.TryAdd(pattern, regex);
        return regex;
    }
}
