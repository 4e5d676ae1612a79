using Kasse.EinmalPin;
using Kasse.Forms;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// The stored state of one case (grain storage): the login counters of the valid issue, the case session, and how far
/// the case got. Its imported data and secrets live in their stores; its history in <c>pin_case_events</c>.
/// </summary>
[GenerateSerializer, Alias("Kasse.Grains.EinmalPin.PinCaseState")]
public sealed class PinCaseState
{
    /// <summary>The issue of secrets the counters below belong to; a newer issue starts them afresh (and unlocks).</summary>
    [Id(0)] public int IssueNo { get; set; }
    [Id(1)] public int FailedAttempts { get; set; }
    [Id(2)] public DateTimeOffset? NextAttemptAt { get; set; }
    [Id(3)] public int? LockedAtIssue { get; set; }
    [Id(4)] public Guid? SessionId { get; set; }
    [Id(5)] public DateTimeOffset? SessionExpiresAt { get; set; }
    [Id(6)] public bool FormStarted { get; set; }
    [Id(7)] public DateTimeOffset? OpenedAt { get; set; }
    [Id(8)] public FormSubmissionReceipt? Receipt { get; set; }
    [Id(9)] public PinStpDecision? Decision { get; set; }
    [Id(10)] public DateTimeOffset? ClosedByClerkAt { get; set; }
    [Id(11)] public int EventSeq { get; set; }
    [Id(12)] public PinCaseEventKind? LastEvent { get; set; }

    public bool Submitted => Receipt is not null;
}
