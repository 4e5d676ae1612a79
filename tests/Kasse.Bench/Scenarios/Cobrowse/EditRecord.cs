using System.Globalization;

namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// One edit of the load: a unique text value (so the peer's pushed state tells which edit it shows), the field, the
/// side that sent it, the time it was scheduled (latency starts there, not when the client got round to it), and how
/// it ended. Registered with its session before it is sent, because the peer's push may arrive before the ack.
/// </summary>
public sealed class EditRecord(string value, int field, int sender, long scheduledAt)
{
    public const int Queued = 0;
    public const int InFlight = 1;
    public const int Applied = 2;
    public const int Conflict = 3;
    public const int Failed = 4;

    private int _status;
    private int _seen;

    public string Value { get; } = value;

    /// <summary>The value as JSON (a string), as EditForm takes it.</summary>
    public string Json => "\"" + Value + "\"";

    public int Field { get; } = field;

    public int Sender { get; } = sender;

    public long ScheduledAt { get; } = scheduledAt;

    public string OperationId => "op-" + Value.Replace(' ', '-');

    /// <summary>The field's version after this edit (when applied).</summary>
    public long AppliedVersion { get; set; }

    public int Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }

    public bool Seen => Volatile.Read(ref _seen) == 1;

    /// <summary>True the first time the peer shows this value.</summary>
    public bool MarkSeen() => Interlocked.Exchange(ref _seen, 1) == 0;

    public static string ValueFor(char side, long number) => "Eingabe " + side + number.ToString(CultureInfo.InvariantCulture);
}
