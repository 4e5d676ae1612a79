using Kasse.Customers;
using Kasse.Inbox;

namespace Kasse.Web.Apis;

/// <summary>
/// Body of <c>POST /api/integration/phone-events</c>: the telephony system reports a call at an agent. <c>ringing</c>
/// and <c>answered</c> pop the caller up at the agent's desktop; <c>ended</c> clears it. The KVNR, when given, is
/// turned into the customer's pseudonymous key here and not kept.
/// </summary>
public sealed record PhoneEventIntake(string? CallId, string? Event, string? AgentId, string? Kvnr, string? Topic)
{
    public static readonly string[] Events = ["ringing", "answered", "ended"];

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!WorkItemKeys.IsValidExternalId(CallId))
            errors["callId"] = ["Die Anrufkennung fehlt, ist länger als 200 Zeichen oder enthält unzulässige Zeichen."];
        if (Event is null || !Events.Contains(Event))
            errors["event"] = ["Ereignis: ringing, answered oder ended."];
        if (string.IsNullOrWhiteSpace(AgentId) || AgentId.Length > 200)
            errors["agentId"] = ["Die Kennung der Beraterin oder des Beraters fehlt oder ist länger als 200 Zeichen."];
        if (Kvnr is not null && !Kasse.Kvnr.IsValid(Kvnr))
            errors["kvnr"] = [Kasse.Kvnr.InvalidMessage];
        if (Topic is { Length: > 200 })
            errors["topic"] = ["Das Thema ist länger als 200 Zeichen."];
        return errors;
    }

    public string ItemId => WorkItemKeys.External(WorkChannel.Phone, CallId!);

    public IncomingCall ToIncomingCall(CustomerPseudonyms pseudonyms, DateTimeOffset at) =>
        new(ItemId, Kvnr is null ? null : pseudonyms.KeyOf(Kvnr), string.IsNullOrWhiteSpace(Topic) ? null : Topic.Trim(), at);
}
