using Kasse.Web.Security;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>SignalR user id = the token's <c>sub</c> claim (KVNR for insured persons, agent id for agents).</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(KasseClaims.Subject)?.Value;
}
