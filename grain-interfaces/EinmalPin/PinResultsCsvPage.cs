namespace Kasse.EinmalPin;

/// <summary>
/// One page of the daily results CSV: its text (CRLF lines), how many case rows it holds (may be 0 on a quiet stretch),
/// and where the next page starts (the <c>after</c> of the next call); <c>Next</c> is null when the day is complete.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.EinmalPin.PinResultsCsvPage")]
public sealed record PinResultsCsvPage(
    [property: Id(0)] string Text,
    [property: Id(1)] int Rows,
    [property: Id(2)] string? Next);
