using System.Reflection;
using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Customers;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Apis;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Kasse.Tests.Foundation;

/// <summary>
/// Every method of the insured persons' and the agents' hubs, called for an insured person with a KVNR and master
/// data, leaves neither the KVNR nor the name nor the birth date in the logs. The methods are found by reflection, so a
/// new hub method fails <see cref="Every_hub_method_is_called_by_the_personal_data_test"/> until it is added here.
/// </summary>
public sealed class PersonalDataInHubLogsTests
{
    private const string Kvnr = "A123456780";
    private const string Agent = "agent-mueller";
    private static readonly string[] Personal = [Kvnr, "Bergmann", "Anna", "1984-03-12", "12.03.1984", "98765432"];

    /// <summary>The customer hub's methods with valid arguments for the conversation, in the order they run.</summary>
    private static readonly (string Method, Func<Guid, object?[]> Arguments)[] CustomerCalls =
    [
        (nameof(CustomerHub.StartConversation), id => [id, "Beiträge", "V2026000001"]),
        (nameof(CustomerHub.SendMessage), id => [id, "hub-log-1", "Guten Tag"]),
        (nameof(CustomerHub.Resume), id => [id, 0L]),
        (nameof(CustomerHub.GetConversation), id => [id]),
        (nameof(CustomerHub.Typing), id => [id]),
        (nameof(CustomerHub.MarkRead), id => [id, 1L]),
        (nameof(CustomerHub.ListConversations), _ => []),
        (nameof(CustomerHub.GetProfile), _ => []),
        (nameof(CustomerHub.CloseConversation), id => [id]),
        (nameof(CustomerHub.GetServiceStatus), _ => []),
        (nameof(CustomerHub.GetQueuePosition), id => [id]),
        (nameof(CustomerHub.RequestCallback), _ => ["hub-log-callback", "Rückruf zum Krankengeld", "030 98765432", null]),
        (nameof(CustomerHub.ListFormDefinitions), _ => []),
        (nameof(CustomerHub.StartForm), _ => [OwnForm, FormNames.SteuerId]),
        (nameof(CustomerHub.ListForms), _ => []),
        (nameof(CustomerHub.OpenForm), _ => [OwnForm]),
        (nameof(CustomerHub.GetFormState), _ => [OwnForm]),
        (nameof(CustomerHub.EditForm), _ => [OwnForm, new FormEdit("hub-log-kvnr", "kvnr", $"\"{Kvnr}\"", 0)]),
        (nameof(CustomerHub.EditForm), _ => [OwnForm, new FormEdit("hub-log-steuer-id", "steuerId", "\"36574261809\"", 0)]),
        (nameof(CustomerHub.EditForm), _ => [OwnForm, new FormEdit("hub-log-consent", "bestaetigung", "true", 0)]),
        (nameof(CustomerHub.FocusForm), _ => [OwnForm, "angaben", "kvnr"]),
        (nameof(CustomerHub.LeaveForm), _ => [OwnForm]),
        (nameof(CustomerHub.SubmitForm), _ => [OwnForm, "hub-log-submit"]),
    ];

    /// <summary>The insured's answers to the agent's requests (after the agent calls below): accept one, decline the other.</summary>
    private static readonly (string Method, Func<Guid, object?[]> Arguments)[] CustomerConsentCalls =
    [
        (nameof(CustomerHub.GrantFormAccess), _ => [ProposedForm]),
        (nameof(CustomerHub.DeclineFormAccess), _ => [WorkItemForm]),
    ];

    /// <summary>The agent in the form the insured admitted it to; the insured ends the access afterwards.</summary>
    private static readonly (string Method, Func<Guid, object?[]> Arguments)[] AgentFormCalls =
    [
        (nameof(AgentHub.OpenForm), _ => [ProposedForm]),
        (nameof(AgentHub.GetFormState), _ => [ProposedForm]),
        (nameof(AgentHub.EditForm), _ => [ProposedForm, new FormEdit("hub-log-name", "kontoinhaberName", "\"Anna Bergmann\"", 0)]),
        (nameof(AgentHub.FocusForm), _ => [ProposedForm, "kontoinhaber", "kontoinhaberName"]),
        (nameof(AgentHub.LeaveForm), _ => [ProposedForm]),
    ];

    private static readonly (string Method, Func<Guid, object?[]> Arguments)[] CustomerClosingCalls =
    [
        (nameof(CustomerHub.RevokeFormAccess), _ => [ProposedForm]),
        (nameof(CustomerHub.GetBanner), _ => [BannerDecision, "portal-start"]),
        (nameof(CustomerHub.TrackJourney), _ => ["hub-log-journey", "TariffViewed", "Krankengeld", "/portal/tarife", "portal"]),
        (nameof(CustomerHub.GetConsents), _ => []),
        (nameof(CustomerHub.ChangeConsents), _ => [new ConsentChangeRequest("hub-log-channel", ConsentChangeKind.PreferredChannelChanged, PreferredChannel.Email)]),
        (nameof(CustomerHub.DeclareObjection), _ => ["hub-log-objection"]),
    ];

    /// <summary>Calls the hub refuses here (the demo person was shown no banner): their refusals must not log personal data either.</summary>
    private static readonly (string Method, Func<Guid, object?[]> Arguments)[] CustomerRefusedCalls =
    [
        (nameof(CustomerHub.ReportBannerOutcome), _ => [new NbaOutcome("hub-log-outcome", BannerDecision, "krankengeld", ContactOutcome.Impression)]),
    ];

    private static readonly Guid BannerDecision = Guid.NewGuid();

    private static readonly Guid OwnForm = Guid.NewGuid();
    private static readonly Guid ProposedForm = Guid.NewGuid();
    private static readonly Guid WorkItemForm = Guid.NewGuid();

    /// <summary>
    /// The agent hub's methods for the chat the insured person opened (its work item offered to the agent: the offer id
    /// is the second argument), in the order they run.
    /// </summary>
    private static readonly (string Method, Func<Guid, Guid, object?[]> Arguments)[] AgentCalls =
    [
        (nameof(AgentHub.AcceptOffer), (_, offer) => [offer]),
        (nameof(AgentHub.JoinConversation), (id, _) => [id]),
        (nameof(AgentHub.ListFormDefinitions), (_, _) => []),
        (nameof(AgentHub.ProposeForm), (id, _) => [id, ProposedForm, FormNames.SepaMandate]),
        (nameof(AgentHub.StartFormForWorkItem), (id, _) => [ChatItem(id), WorkItemForm, FormNames.SteuerId]),
        (nameof(AgentHub.SendMessage), (id, _) => [id, "hub-log-2", "Wie kann ich helfen?"]),
        (nameof(AgentHub.Resume), (id, _) => [id, 0L]),
        (nameof(AgentHub.GetConversation), (id, _) => [id]),
        (nameof(AgentHub.Typing), (id, _) => [id]),
        (nameof(AgentHub.MarkRead), (id, _) => [id, 1L]),
        (nameof(AgentHub.ListConversations), (_, _) => []),
        (nameof(AgentHub.GetProfile), (_, _) => []),
        (nameof(AgentHub.GetDesk), (_, _) => []),
        (nameof(AgentHub.SetPresence), (_, _) => [Kasse.Inbox.AgentPresence.Available]),
        (nameof(AgentHub.ListMyItems), (_, _) => []),
        (nameof(AgentHub.ListWaiting), (_, _) => [null]),
        (nameof(AgentHub.GetCustomerPanel), (id, _) => [ChatItem(id)]),
        (nameof(AgentHub.ListCannedResponses), (_, _) => []),
        (nameof(AgentHub.AddNote), (id, _) => [ChatItem(id), Guid.NewGuid(), "Rückruf vereinbart"]),
        (nameof(AgentHub.GetCustomerConsents), (_, _) => [Kvnr]),
        (nameof(AgentHub.ChangeCustomerConsents), (_, _) => [Kvnr, new ConsentChangeRequest("hub-log-priority", ConsentChangeKind.PriorityChanged, Priority: 70)]),
        (nameof(AgentHub.ListNotes), (id, _) => [ChatItem(id)]),
        (nameof(AgentHub.DeclineOffer), (_, offer) => [offer]),
        (nameof(AgentHub.CloseConversation), (id, _) => [id]),
        (nameof(AgentHub.CompleteWorkItem), (id, _) => [ChatItem(id)]),
    ];

    private static string ChatItem(Guid conversationId) => "chat:" + conversationId;

    /// <summary>What SignalR would let a client call: public instance methods declared by the hub and its bases.</summary>
    private static string[] HubMethods(Type hub) =>
        hub.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType is { } declaring
                && declaring != typeof(Hub) && declaring != typeof(object) && typeof(Hub).IsAssignableFrom(declaring))
            .Select(m => m.Name)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void Every_hub_method_is_called_by_the_personal_data_test()
    {
        Assert.Equal(
            HubMethods(typeof(CustomerHub)),
            CustomerCalls.Concat(CustomerConsentCalls).Concat(CustomerClosingCalls).Concat(CustomerRefusedCalls).Select(c => c.Method).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(
            HubMethods(typeof(AgentHub)),
            AgentCalls.Select(c => c.Method).Concat(AgentFormCalls.Select(c => c.Method)).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task No_hub_method_writes_the_kvnr_or_the_name_of_the_insured_person_to_the_logs()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await KasseTestHost.StartAsync(
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Debug" },
            configure: builder => builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var insured = host.CreateHubConnection(CustomerHub.Path, await host.SignInAsync(Kvnr));
        await using var agent = host.CreateHubConnection(AgentHub.Path, await host.SignInAsync(Agent));
        await insured.StartAsync();
        await agent.StartAsync();
        // The demo master data arrive shortly after start; the profile calls below need them.
        await Eventually.ReturnsAsync(() => insured.InvokeCoreAsync(nameof(CustomerHub.GetProfile), typeof(object), []), _ => true, TimeSpan.FromSeconds(30), "demo profile seeded");

        // The chat the agent serves comes first: the customer calls below also ask for a callback, an item that fills
        // an agent's whole capacity once offered.
        var served = Guid.NewGuid();
        await insured.InvokeCoreAsync(nameof(CustomerHub.StartConversation), typeof(object), [served, "Krankengeld", null]);
        using var agentHttp = host.CreateClient(await host.SignInAsync(Agent));
        var offer = await ChatTakeOver.OfferOfAsync(agentHttp, served);
        var own = Guid.NewGuid();
        foreach (var (method, arguments) in CustomerCalls)
            await insured.InvokeCoreAsync(method, typeof(object), arguments(own));
        foreach (var (method, arguments) in AgentCalls)
            await agent.InvokeCoreAsync(method, typeof(object), arguments(served, offer.OfferId));
        foreach (var (method, arguments) in CustomerConsentCalls)
            await insured.InvokeCoreAsync(method, typeof(object), arguments(own));
        foreach (var (method, arguments) in AgentFormCalls)
            await agent.InvokeCoreAsync(method, typeof(object), arguments(served));
        foreach (var (method, arguments) in CustomerClosingCalls)
            await insured.InvokeCoreAsync(method, typeof(object), arguments(own));
        foreach (var (method, arguments) in CustomerRefusedCalls)
            await Assert.ThrowsAsync<HubException>(() => insured.InvokeCoreAsync(method, typeof(object), arguments(own)));

        Assert.NotEmpty(logs.Lines);
        foreach (var personal in Personal)
            Assert.DoesNotContain(logs.Lines, line => line.Contains(personal, StringComparison.Ordinal));
    }
}
