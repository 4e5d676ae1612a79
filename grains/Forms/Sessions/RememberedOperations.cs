namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// The last <see cref="Capacity"/> applied operation ids of a session with their answers, so that a retry gets its first
/// answer (Duplicate) before any check of the current state could refuse it (a Conflict on a moved-on version). Kept in
/// the activation only, never in the snapshot: an activation rebuilds it from the tail of the session log, which holds
/// every operation with its answer anyway (a snapshot that carried them was 99 % operations, about 100 KB).
/// </summary>
public sealed class RememberedOperations
{
    /// <summary>How many operation ids (with their answers) a session remembers.</summary>
    public const int Capacity = 256;

    private readonly Queue<RememberedOperation> _order = new(Capacity + 1);
    private readonly Dictionary<(string UserId, string OperationId), RememberedOperation> _byId = new(Capacity + 1);

    public int Count => _order.Count;

    public RememberedOperation? Find(string userId, string operationId) => _byId.GetValueOrDefault((userId, operationId));

    /// <summary>Remembers an applied operation; the oldest is forgotten beyond <see cref="Capacity"/>.</summary>
    public void Remember(RememberedOperation operation)
    {
        _order.Enqueue(operation);
        _byId[(operation.UserId, operation.OperationId)] = operation;
        if (_order.Count <= Capacity)
            return;
        var old = _order.Dequeue();
        // Only when no later operation took the same key.
        if (_byId.TryGetValue((old.UserId, old.OperationId), out var indexed) && ReferenceEquals(indexed, old))
            _byId.Remove((old.UserId, old.OperationId));
    }
}
