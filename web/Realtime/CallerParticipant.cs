using Kasse.Conversations;
using Kasse.Web.Security;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Realtime;

/// <summary>
/// The caller as a grain sees it, worked out from the claims once per connection and kept in the connection's features.
/// A hub connection's principal is fixed when it is authenticated (a new token means a new connection), so reading the
/// claims (two role checks and two claim scans) on every call would only repeat the same answer.
/// </summary>
public static class CallerParticipant
{
    public static Participant Participant(this HubCallerContext context)
    {
        var features = context.Features;
        if (features.Get<Participant>() is { } known)
            return known;
        var participant = context.User!.ToParticipant();
        features.Set(participant);
        return participant;
    }
}
