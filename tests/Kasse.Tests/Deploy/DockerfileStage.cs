namespace Kasse.Tests.Deploy;

/// <summary>A stage of a multi-stage Dockerfile: its base image, its name and its instructions in order.</summary>
public sealed record DockerfileStage(string BaseImage, string Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(i => i.Keyword.Equals(keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>ENV</c> settings of this stage (<c>KEY=value</c> pairs, several per instruction).</summary>
    public IReadOnlyDictionary<string, string> Environment() =>
        All("ENV").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
