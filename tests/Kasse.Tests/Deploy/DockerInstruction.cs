using System.Text.Json;

namespace Kasse.Tests.Deploy;

/// <summary>One instruction of a Dockerfile (<c>RUN</c>, <c>ENV</c> …) with its arguments, continuation lines joined.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments)
{
    /// <summary>The words of an exec form (<c>["dotnet", "x.dll"]</c>) after the given options, e.g. of HEALTHCHECK's CMD.</summary>
    public IReadOnlyList<string> ExecForm(string after = "")
    {
        var start = Arguments.IndexOf('[', Math.Max(0, Arguments.IndexOf(after, StringComparison.Ordinal)));
        return JsonSerializer.Deserialize<string[]>(Arguments[start..]) ?? [];
    }
}
