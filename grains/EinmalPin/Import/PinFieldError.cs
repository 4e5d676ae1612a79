namespace Kasse.Grains.EinmalPin.Import;

/// <summary>One validation failure of a case: the column (CSV header name) and why, in German.</summary>
public sealed record PinFieldError(string Column, string Reason);
