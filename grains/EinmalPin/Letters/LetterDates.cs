using System.Globalization;

namespace Kasse.Grains.EinmalPin.Letters;

/// <summary>Dates on letters and in the print CSV: the German calendar day, written <c>TT.MM.JJJJ</c>.</summary>
public static class LetterDates
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateOnly Local(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Berlin).DateTime);

    public static string Format(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
