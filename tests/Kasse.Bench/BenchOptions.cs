using System.Globalization;

namespace Kasse.Bench;

/// <summary>Hand-rolled <c>--name value</c> options; every option a scenario reads must be known to it.</summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private BenchOptions(string scenario, Dictionary<string, string> values)
    {
        Scenario = scenario;
        _values = values;
    }

    public string Scenario { get; }

    /// <summary>Parses <c>scenario --name value ...</c>; returns null (with a reason) when malformed.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            error = "missing scenario";
            return null;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                error = $"unexpected argument '{arg}'";
                return null;
            }
            var name = arg[2..];
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"option --{name} needs a value";
                return null;
            }
            values[name] = args[++i];
        }
        return new BenchOptions(args[0], values);
    }

    public int Int(string name, int defaultValue, int min, int max)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var text))
            return defaultValue;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new BenchUsageException($"--{name} must be an integer in [{min}, {max}], got '{text}'");
        return value;
    }

    /// <summary>Whether <c>--name</c> was given (an optional text option is read with <see cref="String"/> only then).</summary>
    public bool Has(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    /// <summary>A required text option.</summary>
    public string String(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var text) && text.Length > 0
            ? text
            : throw new BenchUsageException($"--{name} is required");
    }

    /// <summary>Throws when an option was given that the scenario never asked for (a typo would silently use a default).</summary>
    public void EnsureAllRead()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).Select(k => "--" + k).ToList();
        if (unknown.Count > 0)
            throw new BenchUsageException($"unknown option(s) for {Scenario}: {string.Join(", ", unknown)}");
    }
}

/// <summary>Bad command line: usage on stderr, exit code 2.</summary>
public sealed class BenchUsageException(string message) : Exception(message);
