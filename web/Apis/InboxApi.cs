using System.Security.Claims;
using Kasse.Customers;
using Kasse.Inbox;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// The inbox over HTTP: integrators deliver work items (idempotent by their own id) and e-mails (threaded by
/// Message-ID); agents set their presence, see their offers, accept, decline and wrap up. See docs/routing.md.
/// </summary>
public static class InboxApi
{
    /// <summary>Longest long poll of the desk.</summary>
    public const int MaxWaitSeconds = 30;

    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder endpoints)
    {
        var integration = endpoints.MapGroup("/api/integration")
            .RequireAuthorization(KassePolicies.Integrator)
            .WithTags("Integration");
        integration.MapPut("/work-items/{channel}/{externalId}", PutWorkItem)
            .WithName("PutWorkItem")
            .WithSummary("Creates a work item (form case, callback, workflow item, phone event, chat) idempotently by the integrator's id: " +
                "the same call again returns the item as it stands. Priority and SLA default to the routing.priority rule set and the channel.")
            .WithRequestExample("""
                {"topic":"Rückruf zum Krankengeld","kvnr":"A123456780","skills":["leistungen"],"reference":"RR-2026-0042"}
                """);
        integration.MapGet("/work-items/{channel}/{externalId}", GetWorkItem)
            .WithName("GetWorkItem")
            .WithSummary("Reads a work item as it stands.");
        integration.MapPost("/emails", PostEmail)
            .WithName("PostEmail")
            .WithSummary("Delivers an e-mail from the mail gateway. A reply (In-Reply-To or References naming a known Message-ID) " +
                "is threaded into its work item; any other mail opens a new item keyed by gatewayId. Delivering the same mail again is harmless.")
            .WithRequestExample("""
                {"gatewayId":"mx-20261206-0815","messageId":"<a1b2@mail.example.org>","inReplyTo":null,"references":[],
                 "from":"erika.mustermann@example.org","kvnr":"A123456780","subject":"Frage zum Krankengeld",
                 "body":"Guten Tag, ...","receivedAt":"2026-12-06T08:15:00Z","skills":["leistungen"]}
                """);

        integration.MapPost("/phone-events", PostPhoneEvent)
            .WithName("PostPhoneEvent")
            .WithSummary("Reports a call at an agent from the telephony system: ringing or answered pops the caller up at the agent's " +
                "desktop (AgentDeskView.incomingCall, customer as pseudonymous key), ended clears it. Reporting the same event again is harmless.")
            .WithRequestExample("""
                {"callId":"call-20261206-0815","event":"ringing","agentId":"agent-mueller","kvnr":"A123456780","topic":"Krankengeld"}
                """);

        var agent = endpoints.MapGroup("/api/agent")
            .RequireAuthorization(KassePolicies.Agent)
            .WithTags("Inbox");
        agent.MapPut("/presence", PutPresence)
            .WithName("PutPresence")
            .WithSummary("Sets the agent's presence (Available, Busy, Away, Offline); team and skills come from the token. Only available agents get offers.")
            .WithRequestExample("""{"presence":"Available"}""");
        agent.MapGet("/desk", GetDesk)
            .WithName("GetDesk")
            .WithSummary("The agent's presence, load, open offers and assigned items. With known={version}, waits up to waitSeconds (at most 30) for a change.");
        agent.MapPost("/offers/{offerId:guid}/accept", Accept)
            .WithName("AcceptOffer")
            .WithSummary("Accepts an offer; the item is then assigned to this agent only. 409 offer-gone when it was declined, expired or taken.");
        agent.MapPost("/offers/{offerId:guid}/decline", Decline)
            .WithName("DeclineOffer")
            .WithSummary("Declines an offer; the item goes to the next agent.");
        agent.MapPost("/work-items/{itemId}/complete", Complete)
            .WithName("CompleteWorkItem")
            .WithSummary("Wraps up an assigned item; its capacity is free again.");
        return endpoints;
    }

    private static async Task<Results<Ok<WorkItemView>, ValidationProblem>> PutWorkItem(
        string channel, string externalId, WorkItemIntake body, IGrainFactory grains, CustomerPseudonyms pseudonyms)
    {
        var errors = body.Validate();
        var parsed = ParseChannel(channel, externalId, errors, allowEmail: false);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        return TypedResults.Ok(await grains.GetGrain<IWorkItemGrain>(WorkItemKeys.External(parsed, externalId)).Create(body.ToNewWorkItem(parsed, pseudonyms)));
    }

    private static async Task<Results<Ok<WorkItemView>, ValidationProblem>> GetWorkItem(
        string channel, string externalId, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = ParseChannel(channel, externalId, errors, allowEmail: true);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var view = await grains.GetGrain<IWorkItemGrain>(WorkItemKeys.External(parsed, externalId)).GetView();
        return view is null
            ? throw new InboxException(InboxErrors.NotFound, "Diesen Vorgang gibt es nicht.")
            : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<MailIntakeResult>, ValidationProblem>> PostEmail(
        EmailIntake body, IGrainFactory grains, CustomerPseudonyms pseudonyms)
    {
        var errors = body.Validate();
        if (errors.Count > 0)
            return Problems.Validation(errors);
        return TypedResults.Ok(await grains.GetGrain<IMailIntakeGrain>(0).Receive(body.GatewayId!, body.ToNewWorkItem(pseudonyms), body.Answers()));
    }

    private static async Task<Results<NoContent, ValidationProblem>> PostPhoneEvent(
        PhoneEventIntake body, IGrainFactory grains, CustomerPseudonyms pseudonyms, TimeProvider clock)
    {
        var errors = body.Validate();
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var desk = grains.GetGrain<IAgentDeskGrain>(body.AgentId!);
        if (body.Event == "ended")
            await desk.EndCall(body.ItemId);
        else
            await desk.ShowCall(body.ToIncomingCall(pseudonyms, clock.GetUtcNow()));
        return TypedResults.NoContent();
    }

    private static async Task<Ok<AgentDeskView>> PutPresence(PresenceBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        return TypedResults.Ok(await Desk(user, grains).SetPresence(body.Presence, user.ToRoutingProfile()));
    }

    private static async Task<Ok<AgentDeskView>> GetDesk(long? known, int? waitSeconds, ClaimsPrincipal user, IGrainFactory grains)
    {
        var desk = Desk(user, grains);
        return TypedResults.Ok(known is { } version
            ? await desk.WaitForChange(version, TimeSpan.FromSeconds(Math.Clamp(waitSeconds ?? MaxWaitSeconds, 0, MaxWaitSeconds)))
            : await desk.GetDesk());
    }

    private static async Task<Ok<WorkItemView>> Accept(Guid offerId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Desk(user, grains).Accept(offerId));

    private static async Task<NoContent> Decline(Guid offerId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await Desk(user, grains).Decline(offerId);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Complete(string itemId, ClaimsPrincipal user, IGrainFactory grains)
    {
        await Desk(user, grains).Complete(itemId);
        return TypedResults.NoContent();
    }

    private static IAgentDeskGrain Desk(ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetGrain<IAgentDeskGrain>(user.FindFirstValue(KasseClaims.Subject)!);

    private static WorkChannel ParseChannel(string channel, string externalId, Dictionary<string, string[]> errors, bool allowEmail)
    {
        var parsed = Enum.GetValues<WorkChannel>().Where(c => WorkChannelNames.NameOf(c) == channel).ToArray();
        if (parsed.Length == 0 || (parsed[0] == WorkChannel.Email && !allowEmail))
            errors["channel"] = ["Kanal: chat, form, callback, workflow oder phone (E-Mails über /api/integration/emails)."];
        if (!WorkItemKeys.IsValidExternalId(externalId))
            errors["externalId"] = ["Die Kennung fehlt, ist länger als 200 Zeichen oder enthält unzulässige Zeichen."];
        return parsed.Length == 0 ? WorkChannel.FormCase : parsed[0];
    }

    /// <summary>Body of <c>PUT /api/agent/presence</c>.</summary>
    public sealed record PresenceBody(AgentPresence Presence);
}
