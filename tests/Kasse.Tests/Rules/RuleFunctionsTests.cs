using System.Text.RegularExpressions;
using Kasse.Grains.Rules;

namespace Kasse.Tests.Rules;

public sealed class RuleFunctionsTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData("2000-05-15", "2018-05-14", 17)] // the day before the 18th birthday
    [InlineData("2000-05-15", "2018-05-15", 18)] // on the birthday
    [InlineData("2000-05-15", "2018-12-31", 18)]
    [InlineData("2000-05-15", "2000-05-15", 0)]
    [InlineData("2000-12-31", "2001-01-01", 0)]
    [InlineData("1934-09-30", "2026-06-01", 91)]
    [InlineData("2000-03-01", "2018-02-28", 17)]
    [InlineData("2000-03-01", "2018-03-01", 18)]
    public void Age_counts_completed_years(string birth, string on, int age) =>
        Assert.Equal(age, RuleFunctions.Age(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Someone_born_on_a_leap_day_becomes_older_on_1_march_in_a_common_year()
    {
        var birth = D(2008, 2, 29);
        Assert.Equal(17, RuleFunctions.Age(birth, D(2026, 2, 28)));
        Assert.Equal(18, RuleFunctions.Age(birth, D(2026, 3, 1)));
    }

    [Fact]
    public void Someone_born_on_a_leap_day_becomes_older_on_29_february_in_a_leap_year()
    {
        var birth = D(2008, 2, 29);
        Assert.Equal(19, RuleFunctions.Age(birth, D(2028, 2, 28)));
        Assert.Equal(20, RuleFunctions.Age(birth, D(2028, 2, 29)));
        Assert.Equal(4, RuleFunctions.Age(birth, D(2012, 2, 29)));
        Assert.Equal(3, RuleFunctions.Age(birth, D(2012, 2, 28)));
    }

    [Fact]
    public void Age_before_the_birth_date_is_negative()
    {
        Assert.True(RuleFunctions.Age(D(2000, 5, 15), D(2000, 5, 14)) < 0);
        Assert.True(RuleFunctions.Age(D(2000, 5, 15), D(1999, 6, 1)) < 0);
        Assert.False(RuleFunctions.Age(D(2000, 5, 15), D(1990, 1, 1)) >= 0);
    }

    [Fact]
    public void AddDays_crosses_months_years_and_leap_days()
    {
        Assert.Equal(D(2024, 2, 29), RuleFunctions.AddDays(D(2024, 2, 28), 1));
        Assert.Equal(D(2023, 3, 1), RuleFunctions.AddDays(D(2023, 2, 28), 1));
        Assert.Equal(D(2026, 1, 1), RuleFunctions.AddDays(D(2025, 12, 31), 1));
        Assert.Equal(D(2025, 12, 31), RuleFunctions.AddDays(D(2026, 1, 1), -1));
    }

    [Fact]
    public void AddMonths_clamps_to_the_end_of_a_shorter_month()
    {
        Assert.Equal(D(2024, 2, 29), RuleFunctions.AddMonths(D(2024, 1, 31), 1));
        Assert.Equal(D(2023, 2, 28), RuleFunctions.AddMonths(D(2023, 1, 31), 1));
        Assert.Equal(D(2025, 11, 30), RuleFunctions.AddMonths(D(2026, 5, 30), -6));
        Assert.Equal(D(2027, 1, 15), RuleFunctions.AddMonths(D(2026, 1, 15), 12));
    }

    [Fact]
    public void AddYears_turns_29_february_into_28_february_in_a_common_year()
    {
        Assert.Equal(D(2025, 2, 28), RuleFunctions.AddYears(D(2024, 2, 29), 1));
        Assert.Equal(D(2028, 2, 29), RuleFunctions.AddYears(D(2024, 2, 29), 4));
        Assert.Equal(D(2025, 6, 1), RuleFunctions.AddYears(D(2026, 6, 1), -1));
    }

    [Fact]
    public void DaysBetween_is_signed_and_counts_leap_days()
    {
        Assert.Equal(366, RuleFunctions.DaysBetween(D(2024, 1, 1), D(2025, 1, 1)));
        Assert.Equal(365, RuleFunctions.DaysBetween(D(2025, 1, 1), D(2026, 1, 1)));
        Assert.Equal(-1, RuleFunctions.DaysBetween(D(2026, 1, 2), D(2026, 1, 1)));
        Assert.Equal(0, RuleFunctions.DaysBetween(D(2026, 1, 1), D(2026, 1, 1)));
    }

    [Theory]
    [InlineData("A123456780", true)]
    [InlineData("T012345678", true)]
    [InlineData("Z987654321", true)]
    [InlineData("A123456789", false)]
    [InlineData("G995030567", false)]
    [InlineData(null, false)]
    public void IsValidKvnr_uses_the_kvnr_check_digit(string? value, bool valid) => Assert.Equal(valid, RuleFunctions.IsValidKvnr(value));

    [Theory]
    [InlineData("36574261809", true)]
    [InlineData("12345678995", true)]
    [InlineData("36574261890", false)]
    [InlineData("36554266806", false)]
    [InlineData("11145678901", false)]
    [InlineData("01234567890", false)]
    [InlineData(null, false)]
    public void IsValidSteuerId_uses_the_steuer_id_rules(string? value, bool valid) => Assert.Equal(valid, RuleFunctions.IsValidSteuerId(value));

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", true, true)]
    [InlineData("DE02120300000000202051", true, true)]
    [InlineData("DE89370400440532013001", false, false)]
    [InlineData("DE88370400440532013000", false, false)]
    [InlineData("AT61 1904 3002 3457 3201", true, false)]
    [InlineData(null, false, false)]
    public void IsValidIban_and_IsGermanIban(string? value, bool valid, bool german)
    {
        Assert.Equal(valid, RuleFunctions.IsValidIban(value));
        Assert.Equal(german, RuleFunctions.IsGermanIban(value));
    }

    [Theory]
    [InlineData("DE98ZZZ09999999999", true)]
    [InlineData("DE97ZZZ09999999999", false)]
    [InlineData(null, false)]
    public void IsValidGlaeubigerId_uses_the_creditor_id_check(string? value, bool valid) => Assert.Equal(valid, RuleFunctions.IsValidGlaeubigerId(value));

    [Fact]
    public void In_is_ordinal_membership()
    {
        Assert.True(RuleFunctions.In("SEPA_MANDAT", "STEUER_ID", "SEPA_MANDAT"));
        Assert.False(RuleFunctions.In("sepa_mandat", "STEUER_ID", "SEPA_MANDAT"));
        Assert.False(RuleFunctions.In("X"));
        Assert.False(RuleFunctions.In(null, "X"));
    }

    [Fact]
    public void IsBlank_is_true_for_null_empty_and_white_space()
    {
        Assert.True(RuleFunctions.IsBlank(null));
        Assert.True(RuleFunctions.IsBlank(""));
        Assert.True(RuleFunctions.IsBlank(" \t\u00A0"));
        Assert.False(RuleFunctions.IsBlank(" a "));
    }

    [Fact]
    public void Length_counts_characters_and_is_0_for_null()
    {
        Assert.Equal(0, RuleFunctions.Length(null));
        Assert.Equal(0, RuleFunctions.Length(""));
        Assert.Equal(19, RuleFunctions.Length("Müller-Lüdenscheidt"));
        Assert.Equal(5, RuleFunctions.Length("Straß"));
    }

    [Fact]
    public void StartsWith_is_ordinal_and_false_for_null()
    {
        Assert.True(RuleFunctions.StartsWith("DE89370400440532013000", "DE"));
        Assert.False(RuleFunctions.StartsWith("de89370400440532013000", "DE"));
        Assert.False(RuleFunctions.StartsWith(null, "DE"));
        Assert.True(RuleFunctions.StartsWith("x", ""));
    }

    [Fact]
    public void Matches_searches_with_a_regular_expression_and_is_false_for_null()
    {
        Assert.True(RuleFunctions.Matches("KASSE-2026-000123", @"^KASSE-\d{4}-\d{6}$"));
        Assert.False(RuleFunctions.Matches("KASSE-2026-00012", @"^KASSE-\d{4}-\d{6}$"));
        Assert.True(RuleFunctions.Matches("Hauptstr. 12a", @"\d+[a-z]?$"));
        Assert.True(RuleFunctions.Matches("Jörg Groß", @"^[\p{L} ]+$"));
        Assert.False(RuleFunctions.Matches(null, ".*"));
    }

    [Fact]
    public void Matches_throws_for_a_malformed_pattern() =>
        Assert.ThrowsAny<ArgumentException>(() => RuleFunctions.Matches("x", "(["));

    [Fact]
    public void Matches_gives_up_after_the_timeout()
    {
        var evil = new string('a', 40) + "!";
        Assert.Throws<RegexMatchTimeoutException>(() => RuleFunctions.Matches(evil, "^(a+)+$"));
    }
}
