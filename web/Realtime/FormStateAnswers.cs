using Kasse.Forms;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Realtime;

/// <summary>Hub answers that carry a form state tell the caller's connection its seq (see <see cref="ClientConnection.NoteFormState"/>).</summary>
public static class FormStateAnswers
{
    public static FormViewState Noted(this HubCallerContext context, FormViewState state)
    {
        context.ClientConnection()?.NoteFormState(state);
        return state;
    }

    public static FormSessionSnapshot Noted(this HubCallerContext context, FormSessionSnapshot snapshot)
    {
        context.Noted(snapshot.State);
        return snapshot;
    }
}
