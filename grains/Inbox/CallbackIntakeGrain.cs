using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Kasse.Inbox;
using Orleans.Concurrency;

namespace Kasse.Grains.Inbox;

/// <summary>
/// Validates a callback request and creates its work item (channel Callback), keyed by the customer's pseudonymous key
/// and the client's request id, so a repeated request returns the same item and reference. The phone number goes into
/// the item's first message (stored for the agent who calls back), never into a log.
/// </summary>
[StatelessWorker]
public sealed partial class CallbackIntakeGrain(TimeProvider clock) : Grain, ICallbackIntakeGrain
{
    private static readonly TimeSpan LatestPreferred = TimeSpan.FromDays(30);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public async Task<CallbackConfirmation> Request(CallbackRequest request)
    {
        if (!ClientRequestIdPattern().IsMatch(request.ClientRequestId ?? ""))
            throw new InboxException(InboxErrors.CallbackInvalid, "Die Kennung der Anfrage fehlt oder ist ungültig (1–64 Buchstaben, Ziffern, - oder _).");
        var topic = (request.Topic ?? "").Trim();
        if (topic.Length is 0 or > 200 || topic.Any(char.IsControl))
            throw new InboxException(InboxErrors.CallbackInvalid, "Das Anliegen fehlt oder ist länger als 200 Zeichen.");
        var phone = GermanPhoneNumber.Normalize(request.Phone)
            ?? throw new InboxException(InboxErrors.PhoneInvalid, GermanPhoneNumber.InvalidMessage);
        var now = clock.GetUtcNow();
        if (request.PreferredFrom is { } from && (from < now - TimeSpan.FromHours(1) || from > now + LatestPreferred))
            throw new InboxException(InboxErrors.CallbackInvalid, "Der gewünschte Zeitpunkt liegt in der Vergangenheit oder mehr als 30 Tage voraus.");

        var itemId = WorkItemKeys.External(WorkChannel.Callback, $"portal-{request.CustomerKey}-{request.ClientRequestId}");
        var reference = ReferenceOf(itemId);
        var earliest = request.PreferredFrom is { } preferred && preferred > now ? preferred : now;
        var body = request.PreferredFrom is { } wish
            ? $"Rückruf erbeten unter {phone}, frühestens ab {TimeZoneInfo.ConvertTime(wish, Berlin).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)} Uhr."
            : $"Rückruf erbeten unter {phone}.";
        var view = await GrainFactory.GetGrain<IWorkItemGrain>(itemId).Create(new NewWorkItem(
            WorkChannel.Callback, request.CustomerKey, topic, [],
            SlaDeadline: earliest + ChannelDefaults.ServiceLevelOf(WorkChannel.Callback),
            FirstMessage: new WorkItemMessage(null, "Online-Geschäftsstelle", topic, body, now),
            Reference: reference));
        return new CallbackConfirmation(view.Reference ?? reference, view.Id, GermanPhoneNumber.Masked(phone), request.PreferredFrom);
    }

    /// <summary>A short reference the insured can quote: derived from the item id, so a repeated request gets the same.</summary>
    private static string ReferenceOf(string itemId) =>
        "RR-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(itemId)).AsSpan(0, 5));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ClientRequestIdPattern();
}
