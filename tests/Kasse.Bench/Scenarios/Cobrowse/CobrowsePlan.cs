using System.Globalization;

namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// What the <c>cobrowse</c> client child needs of the sessions the parent set up: per session its index, ids, users and
/// their tokens, one line each in a file (tokens are too many for a command line).
/// </summary>
public sealed record CobrowsePlan(int Index, Guid ConversationId, Guid SessionId, string InsuredId, string InsuredToken, string AgentId, string AgentToken)
{
    public static async Task WriteAsync(string path, IEnumerable<CobrowsePlan> plans)
    {
        await using var file = File.CreateText(path);
        foreach (var p in plans)
            await file.WriteLineAsync(string.Join(' ', p.Index.ToString(CultureInfo.InvariantCulture), p.ConversationId, p.SessionId, p.InsuredId, p.InsuredToken, p.AgentId, p.AgentToken));
    }

    public static async Task<CobrowsePlan[]> ReadAsync(string path) =>
        (await File.ReadAllLinesAsync(path))
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' '))
            .Select(f => new CobrowsePlan(
                int.Parse(f[0], CultureInfo.InvariantCulture), Guid.Parse(f[1]), Guid.Parse(f[2]), f[3], f[4], f[5], f[6]))
            .ToArray();
}
