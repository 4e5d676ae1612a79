using Kasse.Inbox;

namespace Kasse.Grains.EinmalPin;

/// <summary>The inbox work item of a case routed to a clerk: one per case, keyed by the case number.</summary>
public static class PinCaseWorkItems
{
    private const string ExternalPrefix = "pin-";

    public static string Of(string caseNumber) => WorkItemKeys.External(WorkChannel.FormCase, ExternalPrefix + caseNumber);

    /// <summary>The case number of a case's work item id, or null for any other item.</summary>
    public static string? CaseOf(string workItemId)
    {
        var prefix = WorkItemKeys.External(WorkChannel.FormCase, ExternalPrefix);
        return workItemId.StartsWith(prefix, StringComparison.Ordinal) && workItemId.Length > prefix.Length
            ? workItemId[prefix.Length..]
            : null;
    }
}
