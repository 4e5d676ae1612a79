using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>
/// Coded errors for hub clients. SignalR passes only the message of a <see cref="HubException"/> to the client, so the
/// message starts with a stable machine-readable code: <c>CODE: German text</c>.
/// </summary>
public static class HubErrors
{
    public static HubException Create(string code, string message) => new($"{code}: {message}");

    public static HubException NotFound(string message) => Create("NOT_FOUND", message);

    public static HubException Invalid(string message) => Create("INVALID_INPUT", message);
}
