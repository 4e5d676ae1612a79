using Kasse.Customers;
using Kasse.Inbox;

namespace Kasse.Web.Apis;

/// <summary>
/// Body of <c>POST /api/integration/emails</c>: one e-mail as the mail gateway parsed it. <see cref="GatewayId"/> is
/// the gateway's own id (the idempotency key of a new item); <see cref="MessageId"/>, <see cref="InReplyTo"/> and
/// <see cref="References"/> are the RFC 5322 headers that thread replies into their item.
/// </summary>
public sealed record EmailIntake(
    string? GatewayId, string? MessageId, string? InReplyTo, IReadOnlyList<string>? References, string? From, string? Kvnr,
    string? Subject, string? Body, DateTimeOffset? ReceivedAt, IReadOnlyList<string>? Skills, string? Team)
{
    public const int MaxBodyLength = 100_000;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!WorkItemKeys.IsValidExternalId(GatewayId))
            errors["gatewayId"] = ["Die Kennung des Mail-Gateways fehlt oder enthält unzulässige Zeichen."];
        if (string.IsNullOrWhiteSpace(MessageId) || MessageId.Length > 500)
            errors["messageId"] = ["Die Message-ID fehlt oder ist zu lang."];
        if (string.IsNullOrWhiteSpace(Subject) || Subject.Length > 200)
            errors["subject"] = ["Der Betreff fehlt oder ist länger als 200 Zeichen."];
        if (Body is null || Body.Length > MaxBodyLength)
            errors["body"] = ["Der Text fehlt oder ist länger als 100.000 Zeichen."];
        if (Kvnr is not null && !Kasse.Kvnr.IsValid(Kvnr))
            errors["kvnr"] = [Kasse.Kvnr.InvalidMessage];
        return errors;
    }

    /// <summary>The Message-IDs this mail answers, the most direct first (In-Reply-To, then References newest first).</summary>
    public IReadOnlyList<string> Answers() =>
        [.. new[] { InReplyTo }.Concat((References ?? []).Reverse()).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!.Trim()).Distinct()];

    public NewWorkItem ToNewWorkItem(CustomerPseudonyms pseudonyms) => new(
        WorkChannel.Email, Kvnr is null ? null : pseudonyms.KeyOf(Kvnr), Subject!.Trim(), Skills ?? [], Team,
        FirstMessage: new WorkItemMessage(MessageId!.Trim(), From, Subject!.Trim(), Body!, ReceivedAt ?? DateTimeOffset.UtcNow));
}
