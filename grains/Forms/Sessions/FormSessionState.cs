using Kasse.Forms;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// The stored snapshot of a form session. It is written every few events and at access changes, submission and
/// deactivation; the events after <see cref="Seq"/> in <c>form_session_events</c> complete it on activation, through
/// the same <see cref="Apply"/> the live grain uses. It holds the document only (a few KB): the answers to recent
/// operation ids come from the log's tail on activation (<see cref="RememberedOperations"/>).
/// </summary>
[GenerateSerializer, Alias("Kasse.Grains.Forms.Sessions.FormSessionState")]
public sealed class FormSessionState
{
    [Id(0)] public bool Started { get; set; }
    [Id(1)] public string FormName { get; set; } = "";
    [Id(2)] public int FormVersion { get; set; }
    [Id(3)] public string InsuredUserId { get; set; } = "";
    [Id(4)] public FormOrigin Origin { get; set; }
    [Id(5)] public Guid? ConversationId { get; set; }
    [Id(6)] public string? WorkItemId { get; set; }
    [Id(7)] public string CaseReference { get; set; } = "";
    [Id(8)] public DateTimeOffset StartedAt { get; set; }
    [Id(9)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(10)] public long Seq { get; set; }
    [Id(11)] public Dictionary<string, FormFieldEntry> Fields { get; set; } = new(StringComparer.Ordinal);
    [Id(12)] public FormAccess Access { get; set; } = new(FormAccessStatus.None, null, null, null);
    [Id(13)] public FormSessionStatus Status { get; set; }
    [Id(14)] public FormSubmissionReceipt? Receipt { get; set; }

    /// <summary>The values of the document as the form model reads them: path → JSON, only paths that hold one.</summary>
    public Dictionary<string, string> Values() =>
        Fields.Where(f => f.Value.Value is not null).ToDictionary(f => f.Key, f => f.Value.Value!, StringComparer.Ordinal);

    public long VersionOf(string path) => Fields.TryGetValue(path, out var entry) ? entry.Version : 0;

    public string? ValueOf(string path) => Fields.TryGetValue(path, out var entry) ? entry.Value : null;

    /// <summary>
    /// Applies one event (live or replayed); an event at or below <see cref="Seq"/> is already in and changes nothing
    /// (false).
    /// </summary>
    public bool Apply(FormSessionEvent e)
    {
        if (e.Seq <= Seq)
            return false;
        Seq = e.Seq;
        UpdatedAt = e.At;
        var change = e.Change;
        if (change.Opening is { } opening)
        {
            Started = true;
            FormName = opening.FormName;
            FormVersion = opening.FormVersion;
            InsuredUserId = opening.InsuredUserId;
            Origin = opening.Origin;
            ConversationId = opening.ConversationId;
            WorkItemId = opening.WorkItemId;
            CaseReference = opening.CaseReference;
            StartedAt = e.At;
            Status = FormSessionStatus.Open;
        }
        foreach (var write in change.Writes ?? [])
            Fields[write.Path] = new FormFieldEntry(write.Value, write.Version, e.Actor);
        if (change.Access is { } access)
            Access = access;
        if (change.Receipt is { } receipt)
        {
            Receipt = receipt;
            Status = FormSessionStatus.Submitted;
        }
        return true;
    }
}
