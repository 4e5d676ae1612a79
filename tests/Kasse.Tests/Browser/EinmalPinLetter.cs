namespace Kasse.Tests.Browser;

/// <summary>One letter: the case, its PIN as printed (groups with hyphens) and the link with the token in the fragment.</summary>
public sealed record EinmalPinLetter(string CaseNumber, string Pin, string Link)
{
    /// <summary>The link's fragment (<c>#t=…</c>): the test opens it on its own host, wherever the configured base points.</summary>
    public string Fragment => Link[Link.IndexOf('#', StringComparison.Ordinal)..];
}
