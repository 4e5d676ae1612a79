using System.Collections.Concurrent;
using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Batch;

namespace Kasse.Tests.Campaigns.Batch;

/// <summary>
/// A contact gate that behaves like the customer grain's contract (idempotent by contact id, confirm only what was
/// granted) and remembers every call, so the tests can prove who was contacted how often. Customers listed in
/// <see cref="RefuseFor"/> are refused; after <see cref="FailAfterReserves"/> reservations every further one fails
/// as an unreachable customer grain would. The tests with the real customer grain are the *EndToEndTests.
/// </summary>
public sealed class RecordingContactGate : ICampaignContactGate
{
    private readonly ConcurrentDictionary<string, (string CustomerKey, ContactDecision Decision, ContactRequest Request)> _decisions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _confirmed = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reserveCalls;

    public ConcurrentDictionary<string, ContactRefusal> RefuseFor { get; } = new(StringComparer.Ordinal);

    public int FailAfterReserves { get; set; } = int.MaxValue;

    public int ReserveCalls => Volatile.Read(ref _reserveCalls);

    /// <summary>Confirmed contact ids per customer: a customer contacted twice would show two.</summary>
    public IReadOnlyDictionary<string, int> ConfirmedPerCustomer =>
        _confirmed.GroupBy(c => c.Value).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public IReadOnlyCollection<ContactRequest> Requests => _decisions.Values.Select(d => d.Request).ToList();

    /// <summary>Reservations after this many wait until <see cref="Release"/> (a page held in flight).</summary>
    public int HoldAfterReserves { get; set; } = int.MaxValue;

    /// <summary>Completes when the first reservation is held.</summary>
    public Task Held => _held.Task;

    public void Release() => _release.TrySetResult();

    public async Task<ContactDecision> ReserveAsync(string customerKey, ContactRequest request)
    {
        var call = Interlocked.Increment(ref _reserveCalls);
        if (call > FailAfterReserves)
            throw new InvalidOperationException("The customer grains are unreachable (test).");
        if (call > HoldAfterReserves)
        {
            _held.TrySetResult();
            await _release.Task;
        }
        var entry = _decisions.GetOrAdd(request.ContactId, id => RefuseFor.TryGetValue(customerKey, out var refusal)
            ? (customerKey, new ContactDecision(id, false, refusal, "test", null, 1), request)
            : (customerKey, new ContactDecision(id, true, ContactRefusal.None, null, DateTimeOffset.UtcNow.AddHours(1), 1), request));
        return entry.Decision;
    }

    public Task<bool> ConfirmAsync(string customerKey, string contactId)
    {
        if (!_decisions.TryGetValue(contactId, out var entry) || !entry.Decision.Granted)
            return Task.FromResult(false);
        _confirmed.TryAdd(contactId, customerKey);
        return Task.FromResult(true);
    }

    public Task ReleaseAsync(string customerKey, string contactId) => Task.CompletedTask;

    public async Task<ContactDecision> ReserveAndConfirmAsync(string customerKey, ContactRequest request)
    {
        var decision = await ReserveAsync(customerKey, request);
        if (!decision.Granted || await ConfirmAsync(customerKey, request.ContactId))
            return decision;
        return decision with { Granted = false, Refusal = ContactRefusal.Objection };
    }
}
