using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>
/// Coded errors for hub clients. SignalR passes only the message of a <see cref="HubException"/> to the client, so the
/// message starts with a stable machine-readable code: <c>CODE: German text</c>.
/// </summary>
public static class HubErrors
{
    /// <summary>The connection made too many writing calls in a short time; retry later with the same client message id.</summary>
    public const string RateLimited = "RATE_LIMITED";

    public static HubException Create(string code, string message) => new($"{code}: {message}");

    public static HubException NotFound(string message) => Create("NOT_FOUND", message);

    public static HubException Invalid(string message) => Create("INVALID_INPUT", message);

    /// <summary>Part of the cluster is briefly unreachable (see <see cref="TransientClusterFailure"/>); retry with the same ids.</summary>
    public static HubException Unavailable() => Create(TransientClusterFailure.Code, TransientClusterFailure.Message);

    /// <summary>The code of a coded hub error (the text before the first colon), or null for an uncoded one.</summary>
    public static string? CodeOf(HubException exception)
    {
        var message = exception.Message;
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && message[..colon].All(c => char.IsAsciiLetterUpper(c) || c == '_') ? message[..colon] : null;
    }
}
