namespace Kasse.Tests.Http;

/// <summary>A Content-Security-Policy header read as directives and their sources.</summary>
public sealed class ContentSecurityPolicyHeader
{
    private readonly Dictionary<string, string[]> _directives;

    private ContentSecurityPolicyHeader(Dictionary<string, string[]> directives) => _directives = directives;

    public static ContentSecurityPolicyHeader Of(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var values), $"{response.RequestMessage?.RequestUri}: no Content-Security-Policy");
        var directives = string.Join(';', values)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..], StringComparer.Ordinal);
        return new ContentSecurityPolicyHeader(directives);
    }

    /// <summary>The sources of a directive (empty when the directive is absent).</summary>
    public IReadOnlyList<string> this[string directive] => _directives.TryGetValue(directive, out var sources) ? sources : [];
}
