using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>One line of the results export from a case's derived status and the details of its decision and submission.</summary>
public static class PinResultRows
{
    /// <summary>How the reasons of a decision are joined into one cell.</summary>
    public const string ReasonSeparator = " | ";

    /// <summary>Statuses with a decision of the stp rule set behind them (rule set, version, reasons).</summary>
    public static bool HasDecision(PinCaseStatus status) =>
        status is PinCaseStatus.ClosedAutomatically or PinCaseStatus.WithClerk or PinCaseStatus.ClosedByClerk;

    /// <summary>Statuses with a submitted form behind them (content hash).</summary>
    public static bool HasSubmission(PinCaseStatus status) => status == PinCaseStatus.Submitted || HasDecision(status);

    public static PinResultRow Of(
        string caseNumber, PinCaseType caseType, PinCaseStatus status, DateTimeOffset statusAt, PinEventDetail decision, PinEventDetail submission)
    {
        var withDecision = HasDecision(status);
        return new PinResultRow(
            caseNumber,
            caseType,
            status,
            statusAt.ToUniversalTime(),
            withDecision ? decision.RuleSet : null,
            withDecision ? decision.RuleSetVersion : null,
            withDecision && decision.Reasons.Count > 0 ? string.Join(ReasonSeparator, decision.Reasons) : null,
            HasSubmission(status) ? submission.ContentHash : null);
    }
}
