namespace Kasse.Web.Security;

/// <summary>A user of the embedded demo; the development sign-in issues tokens for these.</summary>
public sealed record DemoUser(
    string Id,
    string DisplayName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Skills,
    string? Team);
