namespace Kasse.Bench.Scenarios.Cobrowse;

/// <summary>
/// One participant's edits of one field, as the product's form client sends them: one in flight at a time (its base
/// version must be the answer of the previous one), the rest queued in order. An open loop still schedules on time; a
/// slow answer shows up as latency of the queued edits.
/// </summary>
public sealed class EditLane
{
    private readonly Queue<EditRecord> _queued = new();
    private bool _busy;

    /// <summary>Queues <paramref name="edit"/>; true when the lane was idle and the caller must send it now.</summary>
    public bool Offer(EditRecord edit)
    {
        lock (_queued)
        {
            if (_busy)
            {
                _queued.Enqueue(edit);
                return false;
            }
            _busy = true;
            return true;
        }
    }

    /// <summary>The previous edit is answered: the next one to send, or null (the lane is idle again).</summary>
    public EditRecord? Next()
    {
        lock (_queued)
        {
            if (_queued.TryDequeue(out var next))
                return next;
            _busy = false;
            return null;
        }
    }

    public int Waiting
    {
        get
        {
            lock (_queued)
                return _queued.Count + (_busy ? 1 : 0);
        }
    }
}
