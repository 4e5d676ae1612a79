using System.Collections.Concurrent;
using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Campaigns.Nba;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>
/// Customers behind the engine's own seam (<see cref="INbaCustomers"/>): facts set by the test, the product's
/// <see cref="NbaChooser"/> deciding over them, a policy that refuses the offers the test names (or everything for an
/// objection), and a record of every reservation, confirmation and outcome. The real customer grain is exercised in
/// NbaEndToEndTests.
/// </summary>
public sealed class SimulatedCustomers : INbaCustomers
{
    /// <summary>The host's chooser (set once the host has started).</summary>
    public NbaChooser? Chooser { get; set; }

    public ConcurrentDictionary<string, CustomerFacts> Facts { get; } = new(StringComparer.Ordinal);

    /// <summary>Offers the policy refuses (as if a limit or suppression applied).</summary>
    public ConcurrentDictionary<string, bool> RefusedOffers { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, (string CustomerKey, ContactRequest Request)> Reserved { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Confirmed { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ContactOutcomeReport> Outcomes { get; } = new(StringComparer.Ordinal);

    public static CustomerFacts FactsOf(string customerKey, int age = 35, string? tariff = null, string? lastTariffViewed = null, bool bonusProgramme = false) =>
        new(customerKey, age, true, false, "APP", bonusProgramme, tariff, "20095", 50, 0, lastTariffViewed,
            lastTariffViewed is null ? null : DateTimeOffset.UtcNow, true, true);

    public Task<NbaDecision> DecideAsync(NbaRequest request) =>
        (Chooser ?? throw new InvalidOperationException("no chooser yet"))
            .ChooseAsync(request, Facts.GetValueOrDefault(request.CustomerKey), new Reservations(this, request.CustomerKey));

    public async Task RecordOutcomeAsync(string customerKey, ContactOutcomeReport report, bool confirm)
    {
        if (confirm && report.ContactId is not null)
            await ConfirmAsync(customerKey, report.ContactId);
        Outcomes.TryAdd(report.OutcomeId, report);
    }

    public Task<ContactDecision> ReserveAsync(string customerKey, ContactRequest request)
    {
        var facts = Facts.GetValueOrDefault(customerKey);
        var refusal = facts is null ? ContactRefusal.UnknownCustomer
            : facts.ObjectedToTargeting ? ContactRefusal.Objection
            : request.OfferId is not null && RefusedOffers.ContainsKey(request.OfferId) ? ContactRefusal.LimitReached
            : ContactRefusal.None;
        if (refusal != ContactRefusal.None)
            return Task.FromResult(new ContactDecision(request.ContactId, false, refusal, "simulated", null, 1));
        Reserved.TryAdd(request.ContactId, (customerKey, request));
        return Task.FromResult(new ContactDecision(request.ContactId, true, ContactRefusal.None, null, DateTimeOffset.UtcNow.AddHours(1), 1));
    }

    public Task<bool> ConfirmAsync(string customerKey, string contactId)
    {
        var known = Reserved.TryGetValue(contactId, out var reserved) && reserved.CustomerKey == customerKey;
        if (known)
            Confirmed[contactId] = true;
        return Task.FromResult(known);
    }

    public Task ReleaseAsync(string customerKey, string contactId)
    {
        Reserved.TryRemove(contactId, out _);
        return Task.CompletedTask;
    }

    private sealed class Reservations(SimulatedCustomers customers, string customerKey) : IOfferReservations
    {
        public Task<ContactDecision> ReserveOfferAsync(ContactRequest request) => customers.ReserveAsync(customerKey, request);
    }
}
