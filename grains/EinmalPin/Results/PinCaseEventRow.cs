using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>One row of <c>pin_case_events</c> as the results read it; <c>Detail</c> is the stored JSON (or null).</summary>
public sealed record PinCaseEventRow(string CaseNumber, int Seq, PinCaseEventKind Kind, DateTimeOffset At, string? Detail);
