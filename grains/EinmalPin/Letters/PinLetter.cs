using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Letters;

/// <summary>What one letter prints: the case's address data and its clear secrets (in memory only until sealed).</summary>
public sealed record PinLetter(PinCaseData Case, string Pin, string Link, DateOnly ValidUntil, DateOnly LetterDate)
{
    /// <summary>The letter of freshly issued secrets; dates in German local time, as printed.</summary>
    public static PinLetter Of(PinCaseData data, IssuedPinSecrets issued) =>
        new(data, issued.Pin, issued.Link, LetterDates.Local(issued.Record.ExpiresAt), LetterDates.Local(issued.Record.IssuedAt));
}
