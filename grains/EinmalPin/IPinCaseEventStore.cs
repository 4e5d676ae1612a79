using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// The history of each case after its letter (<c>pin_case_events</c>), append-only, written only by the case grain.
/// An append of an existing (case, seq) is ignored, so a retried write after a failed state write creates nothing twice.
/// </summary>
public interface IPinCaseEventStore
{
    Task AppendAsync(PinCaseEventRecord record);

    /// <summary>The case's events in order.</summary>
    Task<IReadOnlyList<PinCaseEventRecord>> ReadAsync(string caseNumber);
}

/// <summary>One event of a case; <c>DetailJson</c> is a small JSON object (no personal data) or null.</summary>
public sealed record PinCaseEventRecord(string CaseNumber, int Seq, PinCaseEventKind Kind, DateTimeOffset At, string? DetailJson);
