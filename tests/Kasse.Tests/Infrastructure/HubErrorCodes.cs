using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Tests.Infrastructure;

/// <summary>Reads the stable code out of a hub error as a client does (docs/realtime-api.md, "Errors").</summary>
public static partial class HubErrorCodes
{
    public static string Code(this HubException exception)
    {
        var match = CodePattern().Match(exception.Message);
        return match.Success ? match.Groups[1].Value : exception.Message;
    }

    // SignalR sends "An unexpected error occurred invoking 'X' on the server. HubException: CODE: text".
    [GeneratedRegex(@"HubException: ([A-Z_]+):")]
    private static partial Regex CodePattern();
}
