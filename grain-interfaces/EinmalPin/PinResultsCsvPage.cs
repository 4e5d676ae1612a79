namespace Kasse.EinmalPin;

/// <summary>One page of the daily results CSV: its text (CRLF lines), how many case rows it holds, and the last case number (to ask for the next page).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinResultsCsvPage")]
public sealed record PinResultsCsvPage(
    [property: Id(0)] string Text,
    [property: Id(1)] int Rows,
    [property: Id(2)] string? LastCaseNumber);
