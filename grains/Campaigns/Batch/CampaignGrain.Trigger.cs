using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Batch;

// Triggered campaigns: a journey event contacts that one customer. The contacts of a day form one run (its id derived
// from campaign and day), so the outputs and the success figures read them like a batch run's.
public sealed partial class CampaignGrain
{
    /// <summary>The policy-rule text of a triggered decision that held the customer out as control.</summary>
    public const string ControlGroupRule = "Kontrollgruppe";

    /// <summary>The policy-rule text of a triggered decision refused by the campaign's own daily limit.</summary>
    public const string DailyLimitRule = "Tageslimit der Kampagne";

    public async Task<ContactDecision?> Trigger(JourneyEvent journeyEvent)
    {
        ArgumentNullException.ThrowIfNull(journeyEvent);
        var schedule = S.Definition?.Schedule;
        if (S.Status != CampaignStatus.Active || schedule is not { Kind: CampaignScheduleKind.Triggered } || schedule.TriggerEvent != journeyEvent.Kind)
            return null;
        if (schedule.TriggerTariff is { } tariff && !string.Equals(tariff, journeyEvent.Tariff, StringComparison.OrdinalIgnoreCase))
            return null;
        var key = journeyEvent.CustomerKey;
        var contactId = CampaignContactIds.Triggered(Id, key, journeyEvent.Seq);
        var now = clock.GetUtcNow();
        var master = await masterData.GetAsync(key);
        if (master is null)
            return Refused(contactId, ContactRefusal.UnknownCustomer, null);
        var campaign = Compiled();
        var facts = CustomerFactsBuilder.From(
            master, null, DailyVolume.BerlinDay(now),
            lastTariffViewed: journeyEvent.Kind == JourneyEventKind.TariffViewed ? journeyEvent.Tariff : null,
            lastTariffViewedAt: journeyEvent.Kind == JourneyEventKind.TariffViewed ? journeyEvent.At : null);
        var plan = campaign.Plan(facts);
        if (plan.Kind == CustomerPlanKind.NotTargeted)
            return null;

        var run = TriggerRunOf(now);
        var existing = await contacts.FindAsync(run.RunId, key);
        if (existing is not null)
        {
            // Once a day per campaign and customer; the same event again gets its first answer.
            if (existing.ContactId != contactId || existing.Control)
                return existing.Control && existing.ContactId == contactId ? Refused(contactId, ContactRefusal.None, ControlGroupRule) : null;
            return await gate.ReserveAsync(key, Request(campaign, contactId, existing.Channel ?? ContactChannel.Letter));
        }

        var counters = new RunCounters { Scanned = 1, Targeted = 1 };
        var group = campaign.Definition.TargetGroups[plan.Group].Name;
        ContactDecision decision;
        switch (plan.Kind)
        {
            case CustomerPlanKind.Control:
                counters.ControlGroup++;
                await contacts.AddAsync([new CampaignContactRecord(run.RunId, key, contactId, Id, group, null, null, true, now)]);
                decision = Refused(contactId, ContactRefusal.None, ControlGroupRule);
                break;
            case CustomerPlanKind.Refused:
                counters.Refuse(plan.Refusal);
                decision = Refused(contactId, plan.Refusal, null);
                break;
            default:
                decision = await ContactAsync(campaign, plan, key, contactId, group, run, counters, now);
                break;
        }
        run.Add(counters);
        await WriteAsync();
        return decision;
    }

    private async Task<ContactDecision> ContactAsync(
        CompiledCampaign campaign, CustomerPlan plan, string key, string contactId, string group, CampaignRunState run, RunCounters counters, DateTimeOffset now)
    {
        if (S.Volume.TakeFirst(plan.Channels, campaign.Definition.DailyLimits, now) is not { } channel)
        {
            counters.DeferredByVolume++;
            return Refused(contactId, ContactRefusal.LimitReached, DailyLimitRule);
        }
        ContactDecision decision;
        try
        {
            decision = await gate.ReserveAsync(key, Request(campaign, contactId, channel));
        }
        catch (Exception)
        {
            // The customer grain did not answer: the day's slot is not used (the journey consumer retries the event).
            S.Volume.GiveBack(channel);
            throw;
        }
        if (!decision.Granted)
        {
            S.Volume.GiveBack(channel);
            counters.Refuse(decision.Refusal);
            return decision;
        }
        if (!await gate.ConfirmAsync(key, contactId))
        {
            S.Volume.GiveBack(channel);
            counters.Refuse(ContactRefusal.Objection);
            return decision with { Granted = false, Refusal = ContactRefusal.Objection };
        }
        var variant = campaign.VariantFor(plan.Group, channel, key);
        await contacts.AddAsync([new CampaignContactRecord(run.RunId, key, contactId, Id, group, channel, variant.Id, false, now)]);
        counters.Contact(channel);
        return decision;
    }

    private ContactRequest Request(CompiledCampaign campaign, string contactId, ContactChannel channel) =>
        new(contactId, ContactSource.CampaignTrigger, campaign.Definition.Purpose, channel, Id, campaign.Definition.OfferId);

    /// <summary>Today's run of triggered contacts (created on the first trigger of the day).</summary>
    private CampaignRunState TriggerRunOf(DateTimeOffset now)
    {
        var day = DailyVolume.BerlinDay(now);
        var run = S.Runs.FirstOrDefault(r => r.Triggered && r.Day == day);
        if (run is not null)
            return run;
        foreach (var earlier in S.Runs.Where(r => r.Triggered && r.Status == CampaignRunStatus.Running))
        {
            earlier.Status = CampaignRunStatus.Completed;
            earlier.FinishedAt = now;
        }
        run = new CampaignRunState
        {
            RunId = CampaignContactIds.TriggerRun(Id, day),
            Status = CampaignRunStatus.Running,
            Triggered = true,
            Day = day,
            DefinitionVersion = S.Version,
            StartedAt = now,
        };
        S.Runs.Add(run);
        TrimRuns();
        return run;
    }

    private static ContactDecision Refused(string contactId, ContactRefusal refusal, string? rule) => new(contactId, false, refusal, rule, null, 0);
}
