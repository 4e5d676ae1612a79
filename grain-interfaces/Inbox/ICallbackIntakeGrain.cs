namespace Kasse.Inbox;

/// <summary>
/// Turns an insured person's callback request into a Callback work item, routed like any other. Idempotent by the
/// customer and the client's request id. Stateless (key 0); the work item holds the truth.
/// </summary>
[Alias("Kasse.Inbox.ICallbackIntakeGrain")]
public interface ICallbackIntakeGrain : IGrainWithIntegerKey
{
    /// <summary>Errors: <c>PHONE_INVALID</c>, <c>CALLBACK_INVALID</c> (topic, request id, preferred time).</summary>
    [Alias("Request")]
    Task<CallbackConfirmation> Request(CallbackRequest request);
}
