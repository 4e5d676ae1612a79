using System.Text;

namespace Kasse.Tests.Deploy;

/// <summary>Reads a Dockerfile into its stages: comments dropped, lines ending in a backslash joined.</summary>
public static class DockerfileReader
{
    public static IReadOnlyList<DockerfileStage> Stages(string path)
    {
        var stages = new List<DockerfileStage>();
        List<DockerInstruction>? current = null;
        foreach (var (keyword, arguments) in Instructions(File.ReadAllLines(path)))
        {
            if (keyword.Equals("FROM", StringComparison.OrdinalIgnoreCase))
            {
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                current = [];
                stages.Add(new DockerfileStage(words[0], words.Length > 2 ? words[2] : "", current));
                continue;
            }
            current?.Add(new DockerInstruction(keyword.ToUpperInvariant(), arguments));
        }
        return stages;
    }

    private static IEnumerable<(string Keyword, string Arguments)> Instructions(IEnumerable<string> lines)
    {
        var pending = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
                continue;
            var continues = line.EndsWith('\\');
            pending.Append(continues ? line[..^1].TrimEnd() : line).Append(' ');
            if (continues)
                continue;
            var text = pending.ToString().Trim();
            pending.Clear();
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            yield return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
        }
    }
}
