using System.Text.RegularExpressions;

namespace Kasse.Inbox;

/// <summary>
/// Work item ids. An item from an integrator is keyed by its channel and the integrator's own id
/// (<c>email:4711</c>), so the same delivery twice reaches the same grain.
/// </summary>
public static partial class WorkItemKeys
{
    public static string External(WorkChannel channel, string externalId) => WorkChannelNames.NameOf(channel) + ":" + externalId;

    /// <summary>1 to 200 characters of letters, digits and <c>. _ ~ : @ -</c>.</summary>
    public static bool IsValidExternalId(string? externalId) => externalId is not null && ExternalIdPattern().IsMatch(externalId);

    [GeneratedRegex("^[A-Za-z0-9._~:@-]{1,200}$")]
    private static partial Regex ExternalIdPattern();
}
