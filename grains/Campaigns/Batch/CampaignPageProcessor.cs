using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Dwh;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// One page of a batch run: plans every customer (target group, control group, channel under today's volume, variant)
/// in key order, asks the customer grains for the contacts in parallel (bounded), and writes the confirmed contacts and
/// the control rows in one insert. A page replayed after a crash gives the same answers: contact ids are idempotent,
/// the volume starts from the checkpoint, and a customer the run already has a row for is counted, not asked again.
/// </summary>
public sealed class CampaignPageProcessor(ICampaignContactGate gate, ICampaignContactStore contacts)
{
    /// <summary>
    /// Contacts asked for at once. Each ask waits on a few batched round trips (activation, ledger and master reads,
    /// group-committed appends), so the wider the fan-out, the fuller those batches and the shorter the wait per customer.
    /// </summary>
    public const int MaxParallel = 256;

    public async Task<RunCounters> ProcessAsync(
        CompiledCampaign campaign, Guid runId, IReadOnlyList<CustomerMasterRecord> page, DailyVolume volume, DateTimeOffset now)
    {
        var counters = new RunCounters { Scanned = page.Count };
        var existing = await contacts.ExistingAsync(runId, page.Select(m => m.CustomerKey).ToList());
        var today = DailyVolume.BerlinDay(now);
        var limits = campaign.Definition.DailyLimits;
        var rows = new List<CampaignContactRecord>();
        var asks = new List<PlannedContact>();
        foreach (var master in page)
        {
            var facts = CustomerFactsBuilder.From(master, null, today);
            var plan = campaign.Plan(facts);
            if (plan.Kind == CustomerPlanKind.NotTargeted)
                continue;
            counters.Targeted++;
            var groupName = campaign.Definition.TargetGroups[plan.Group].Name;
            var contactId = CampaignContactIds.Batch(campaign.CampaignId, runId, master.CustomerKey);
            if (existing.TryGetValue(master.CustomerKey, out var doneOn))
            {
                // Written before the crash that made this page run again: counted, never asked again.
                if (doneOn is { } channel)
                {
                    counters.Contact(channel);
                    volume.TryTake(channel, null, now);
                }
                else
                    counters.ControlGroup++;
                continue;
            }
            switch (plan.Kind)
            {
                case CustomerPlanKind.Control:
                    counters.ControlGroup++;
                    rows.Add(new CampaignContactRecord(runId, master.CustomerKey, contactId, campaign.CampaignId, groupName, null, null, true, now));
                    break;
                case CustomerPlanKind.Refused:
                    counters.Refuse(plan.Refusal);
                    break;
                default:
                    if (volume.TakeFirst(plan.Channels, limits, now) is not { } chosen)
                    {
                        counters.DeferredByVolume++;
                        counters.FirstDeferredKey ??= master.CustomerKey;
                        break;
                    }
                    var variant = campaign.VariantFor(plan.Group, chosen, master.CustomerKey);
                    asks.Add(new PlannedContact(master.CustomerKey, contactId, groupName, chosen, variant.Id));
                    break;
            }
        }

        var outcomes = await AskAllAsync(campaign, asks);
        for (var i = 0; i < asks.Count; i++)
        {
            var ask = asks[i];
            var (granted, refusal) = outcomes[i];
            if (!granted)
            {
                volume.GiveBack(ask.Channel);
                counters.Refuse(refusal);
                continue;
            }
            counters.Contact(ask.Channel);
            rows.Add(new CampaignContactRecord(runId, ask.CustomerKey, ask.ContactId, campaign.CampaignId, ask.Group, ask.Channel, ask.VariantId, false, now));
        }
        await contacts.AddAsync(rows);
        return counters;
    }

    /// <summary>
    /// Reserve and confirm, bounded in parallel: only a confirmed contact gets a row (and so into the outputs). A slot
    /// revoked between the grant and the confirmation (an objection) comes back as <see cref="ContactRefusal.Objection"/>.
    /// </summary>
    private async Task<(bool Granted, ContactRefusal Refusal)[]> AskAllAsync(CompiledCampaign campaign, List<PlannedContact> asks)
    {
        var outcomes = new (bool, ContactRefusal)[asks.Count];
        // MaxParallel loops that each take the next ask: a task per loop, not per customer, and no waiting on a semaphore.
        var next = -1;
        async Task AskInTurnAsync()
        {
            for (var index = Interlocked.Increment(ref next); index < asks.Count; index = Interlocked.Increment(ref next))
                outcomes[index] = await AskAsync(campaign, asks[index], ContactSource.CampaignBatch);
        }
        var loops = new Task[Math.Min(MaxParallel, asks.Count)];
        for (var i = 0; i < loops.Length; i++)
            loops[i] = AskInTurnAsync();
        await Task.WhenAll(loops);
        return outcomes;
    }

    /// <summary>One grain call per contact: the customer grain reserves and confirms in the same turn.</summary>
    public async Task<(bool Granted, ContactRefusal Refusal)> AskAsync(CompiledCampaign campaign, PlannedContact ask, ContactSource source)
    {
        var request = new ContactRequest(ask.ContactId, source, campaign.Definition.Purpose, ask.Channel, campaign.CampaignId, campaign.Definition.OfferId);
        var decision = await gate.ReserveAndConfirmAsync(ask.CustomerKey, request);
        if (!decision.Granted)
            return (false, decision.Refusal == ContactRefusal.None ? ContactRefusal.LimitReached : decision.Refusal);
        return (true, ContactRefusal.None);
    }
}

/// <summary>A contact the campaign wants to make, before the customer grain's decision.</summary>
public sealed record PlannedContact(string CustomerKey, string ContactId, string Group, ContactChannel Channel, string VariantId);
