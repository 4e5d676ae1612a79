using System.Text;
using System.Text.Json;

namespace Kasse.Bench;

/// <summary>One scenario run: the common figures plus the scenario's own fields, in the order they were added.</summary>
public sealed class ScenarioResult(string scenario)
{
    private readonly List<KeyValuePair<string, object>> _fields = [];

    public string Scenario { get; } = scenario;

    public double OpsPerSecond { get; init; }

    public double P50Milliseconds { get; init; }

    public double P99Milliseconds { get; init; }

    public long Errors { get; init; }

    public long Lost { get; init; }

    /// <summary>Adds a scenario field (snake_case name; long, int, double or string value).</summary>
    public ScenarioResult With(string name, object value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>The result as one line of JSON, field names in snake_case.</summary>
    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("scenario", Scenario);
            json.WriteNumber("ops_per_s", Math.Round(OpsPerSecond, 1));
            json.WriteNumber("p50_ms", Math.Round(P50Milliseconds, 3));
            json.WriteNumber("p99_ms", Math.Round(P99Milliseconds, 3));
            json.WriteNumber("errors", Errors);
            json.WriteNumber("lost", Lost);
            foreach (var (name, value) in _fields)
            {
                switch (value)
                {
                    case int i: json.WriteNumber(name, i); break;
                    case long l: json.WriteNumber(name, l); break;
                    case double d: json.WriteNumber(name, Math.Round(d, 3)); break;
                    case string s: json.WriteString(name, s); break;
                    default: throw new ArgumentException($"unsupported value type {value.GetType()} for {name}");
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
