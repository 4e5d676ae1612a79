using Kasse.Conversations;
using Kasse.Forms;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Realtime;

/// <summary>
/// An edit whose answer carries the editor's change (<see cref="FormEdit.AnswerWithChange"/>): the caller's connection
/// is told to leave out the push of that change before the grain is asked (the push may reach the gateway before the
/// answer reaches the hub), and told again when no such push is coming.
/// </summary>
public static class OwnFormEdits
{
    public static async Task<FormEditResult> EditAsync(
        this HubCallerContext context, IFormSessionGrain session, Guid sessionId, Participant caller, FormEdit edit)
    {
        var connection = edit.AnswerWithChange ? context.ClientConnection() : null;
        if (connection is null)
            return await session.Edit(caller, edit);
        connection.ExpectOwnFormEdit(sessionId, edit.OperationId);
        try
        {
            var result = await session.Edit(caller, edit);
            if (result.Change is null)
                connection.ForgetOwnFormEdit(sessionId, edit.OperationId);
            return result;
        }
        catch
        {
            connection.ForgetOwnFormEdit(sessionId, edit.OperationId);
            throw;
        }
    }
}
