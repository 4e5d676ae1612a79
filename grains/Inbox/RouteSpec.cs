using System.Globalization;
using System.Text.RegularExpressions;

namespace Kasse.Grains.Inbox;

/// <summary>
/// The route a routing document's rule leads to, written as its success event:
/// <c>route:lastAgent@30s &gt; team@5m &gt; skill:leistungen@10m &gt; general</c>. Targets in order, each with the time
/// (<c>s</c>, <c>m</c>, <c>h</c>; 1 s to 24 h) after which the item moves to the next; the last has none, and a target
/// without a time ends the route there. Targets: <c>lastAgent</c> (needs a time), <c>team</c>, <c>team:&lt;name&gt;</c>,
/// <c>skill</c>, <c>skill:&lt;name&gt;</c>, <c>general</c>.
/// </summary>
public static partial class RouteSpec
{
    public const string Prefix = "route:";
    public const int MaxSteps = 10;

    /// <summary>The shipped behaviour: the item's team, else its skill, else general.</summary>
    public static IReadOnlyList<RouteStep> Default { get; } =
        [new(RouteStepKind.Team, null, null), new(RouteStepKind.Skill, null, null), new(RouteStepKind.General, null, null)];

    /// <summary>Parses a route; throws <see cref="FormatException"/> with a message for the document's author.</summary>
    public static IReadOnlyList<RouteStep> Parse(string route)
    {
        if (!route.StartsWith(Prefix, StringComparison.Ordinal))
            throw new FormatException($"Das Ereignis einer Routing-Regel beginnt mit \"{Prefix}\" (z. B. \"route:team@5m > skill > general\").");
        var parts = route[Prefix.Length..].Split('>', StringSplitOptions.TrimEntries);
        if (parts.Length > MaxSteps)
            throw new FormatException($"Höchstens {MaxSteps} Ziele je Route.");
        var steps = new List<RouteStep>();
        for (var i = 0; i < parts.Length; i++)
        {
            var step = ParseStep(parts[i]);
            if (i == parts.Length - 1 && step.Timeout is not null)
                throw new FormatException($"Das letzte Ziel \"{parts[i]}\" hat keine Wartezeit: dort bleibt das Anliegen.");
            steps.Add(step);
        }
        return steps;
    }

    private static RouteStep ParseStep(string text)
    {
        if (text.Length == 0)
            throw new FormatException("Ein Ziel der Route ist leer.");
        var at = text.LastIndexOf('@');
        var target = (at < 0 ? text : text[..at]).Trim();
        TimeSpan? timeout = at < 0 ? null : ParseDuration(text[(at + 1)..].Trim(), text);
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        var kindText = colon < 0 ? target : target[..colon];
        var name = colon < 0 ? null : target[(colon + 1)..].Trim();
        if (name is { Length: 0 or > 100 })
            throw new FormatException($"Der Name in \"{text}\" fehlt oder ist länger als 100 Zeichen.");
        var kind = kindText switch
        {
            "lastAgent" when name is null => RouteStepKind.LastAgent,
            "team" => RouteStepKind.Team,
            "skill" => RouteStepKind.Skill,
            "general" when name is null => RouteStepKind.General,
            _ => throw new FormatException($"Unbekanntes Ziel \"{target}\": lastAgent, team, team:<Name>, skill, skill:<Name> oder general."),
        };
        if (kind == RouteStepKind.LastAgent && timeout is null)
            throw new FormatException("lastAgent braucht eine Wartezeit (z. B. lastAgent@30s): sonst wartet das Anliegen nur auf diese Person.");
        return new RouteStep(kind, name, timeout);
    }

    private static TimeSpan ParseDuration(string text, string step)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success)
            throw new FormatException($"Wartezeit in \"{step}\": Zahl mit s, m oder h (z. B. 30s, 5m, 2h).");
        var value = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var duration = match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromHours(value),
        };
        if (duration < TimeSpan.FromSeconds(1) || duration > TimeSpan.FromHours(24))
            throw new FormatException($"Wartezeit in \"{step}\": zwischen 1 s und 24 h.");
        return duration;
    }

    [GeneratedRegex("^([0-9]{1,5})(s|m|h)$")]
    private static partial Regex DurationPattern();
}
