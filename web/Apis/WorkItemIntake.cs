using Kasse.Customers;
using Kasse.Inbox;

namespace Kasse.Web.Apis;

/// <summary>
/// Body of <c>PUT /api/integration/work-items/{channel}/{externalId}</c>: a form case, callback request, workflow item
/// or phone event. The KVNR, when given, is turned into the customer's pseudonymous key here and not kept.
/// </summary>
public sealed record WorkItemIntake(
    string? Topic, string? Kvnr, IReadOnlyList<string>? Skills, string? Team, int? Priority, DateTimeOffset? SlaDeadline,
    bool? IsComplaint, int? CustomerAge, string? Reference)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Topic) || Topic.Length > 200)
            errors["topic"] = ["Thema fehlt oder ist länger als 200 Zeichen."];
        if (Kvnr is not null && !Kasse.Kvnr.IsValid(Kvnr))
            errors["kvnr"] = [Kasse.Kvnr.InvalidMessage];
        if (Reference is { Length: > 200 })
            errors["reference"] = ["Die Referenz ist länger als 200 Zeichen."];
        return errors;
    }

    public NewWorkItem ToNewWorkItem(WorkChannel channel, CustomerPseudonyms pseudonyms, WorkItemMessage? message = null) => new(
        channel, Kvnr is null ? null : pseudonyms.KeyOf(Kvnr), Topic!.Trim(), Skills ?? [], Team, Priority, SlaDeadline,
        IsComplaint ?? false, CustomerAge, message, Reference);
}
