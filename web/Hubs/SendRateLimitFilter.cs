using Kasse.Web.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Kasse.Web.Hubs;

/// <summary>
/// Limits how many messages one connection may send per second (a <see cref="SendBudget"/> per connection, <see cref="SendRateLimitOptions"/>: by default a burst of 20, then 10 per second).
/// A refused send gets <c>RATE_LIMITED</c> and changes nothing; the client may retry with the same id.
/// </summary>
public sealed class SendRateLimitFilter(IOptions<SendRateLimitOptions> options) : IHubFilter
{
    /// <summary>
    /// The calls that write (or fan out) and so draw from the connection's bucket; named by <c>nameof</c>, so a
    /// renamed hub method cannot silently lose its limit.
    /// </summary>
    public static readonly IReadOnlySet<string> LimitedMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(ConversationHubBase.SendMessage), nameof(ConversationHubBase.MarkRead), nameof(ConversationHubBase.Typing),
        nameof(ConversationHubBase.CloseConversation), nameof(CustomerHub.StartConversation), nameof(AgentHub.JoinConversation),
        nameof(CustomerHub.RequestCallback),
        nameof(AgentHub.SetPresence), nameof(AgentHub.AcceptOffer), nameof(AgentHub.DeclineOffer), nameof(AgentHub.CompleteWorkItem),
        nameof(AgentHub.AddNote),
        nameof(CustomerHub.StartForm), nameof(CustomerHub.EditForm), nameof(CustomerHub.FocusForm), nameof(CustomerHub.LeaveForm),
        nameof(CustomerHub.GrantFormAccess), nameof(CustomerHub.DeclineFormAccess), nameof(CustomerHub.RevokeFormAccess),
        nameof(CustomerHub.SubmitForm), nameof(AgentHub.ProposeForm), nameof(AgentHub.StartFormForWorkItem),
        // A banner decision reserves a contact slot, so it counts as a write.
        nameof(CustomerHub.GetBanner), nameof(CustomerHub.ReportBannerOutcome), nameof(CustomerHub.TrackJourney),
        nameof(CustomerHub.ChangeConsents), nameof(CustomerHub.DeclareObjection), nameof(AgentHub.ChangeCustomerConsents),
    };
    private const string BudgetKey = "kasse.send-budget";

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (LimitedMethods.Contains(invocationContext.HubMethodName))
        {
            var items = invocationContext.Context.Items;
            if (items[BudgetKey] is not SendBudget budget)
            {
                budget = new SendBudget(options.Value.Burst, options.Value.TokensPerSecond);
                items[BudgetKey] = budget;
            }
            if (!budget.TryTake())
                throw HubErrors.Create(HubErrors.RateLimited, "Zu viele Nachrichten in kurzer Zeit. Bitte warten Sie einen Moment.");
        }
        return next(invocationContext);
    }
}
