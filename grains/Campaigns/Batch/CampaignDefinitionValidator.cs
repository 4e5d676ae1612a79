using System.Text.RegularExpressions;
using Kasse.Campaigns;
using Kasse.Grains.Rules;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// Checks a campaign definition before it is stored: every target-group rule compiles over <see cref="CustomerFacts"/>
/// (with <see cref="RuleCompiler"/>, the rule set's own compiler), channels are outbound and known, every channel of a
/// group has a content variant, percentages and limits are in range, the schedule is complete. Lists every problem.
/// </summary>
public static partial class CampaignDefinitionValidator
{
    public const int MaxTargetGroups = 20;
    public const int MaxVariants = 50;
    public const int MaxControlGroupPercent = 50;
    public const int MaxWeight = 1_000;
    public const int MaxRepeatEveryDays = 366;

    /// <summary>The channels a campaign may push on (banner and agent desktop belong to next best action).</summary>
    public static readonly IReadOnlySet<ContactChannel> CampaignChannels = new HashSet<ContactChannel>
    {
        ContactChannel.Letter, ContactChannel.Email, ContactChannel.AppPush, ContactChannel.Sms, ContactChannel.Phone,
    };

    public static bool IsValidId(string? campaignId) => campaignId is not null && IdPattern().IsMatch(campaignId);

    /// <summary>Every problem of <paramref name="definition"/>; empty when it can be stored.</summary>
    public static IReadOnlyList<string> Validate(CampaignDefinition? definition)
    {
        var problems = new List<string>();
        if (definition is null)
            return ["Die Definition fehlt."];
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > 200)
            problems.Add("Name: 1 bis 200 Zeichen.");
        if ((definition.Description ?? "").Length > 2_000)
            problems.Add("Description: höchstens 2000 Zeichen.");
        if (!Enum.IsDefined(definition.Purpose))
            problems.Add("Purpose: Information oder Marketing.");
        if (definition.ControlGroupPercent is < 0 or > MaxControlGroupPercent)
            problems.Add($"ControlGroupPercent: 0 bis {MaxControlGroupPercent}.");
        foreach (var (channel, limit) in definition.DailyLimits ?? new Dictionary<ContactChannel, int>())
        {
            if (!CampaignChannels.Contains(channel))
                problems.Add($"DailyLimits: {channel} ist kein Kampagnenkanal.");
            if (limit < 0)
                problems.Add($"DailyLimits.{channel}: nicht negativ.");
        }
        ValidateSchedule(definition.Schedule, problems);
        ValidateGroups(definition.TargetGroups, problems);
        return problems;
    }

    /// <summary>Compiles the target-group rules (one rule per group, in group order); null when a rule does not compile.</summary>
    public static CompiledRuleSet<CustomerFacts>? CompileRules(IReadOnlyList<TargetGroup> groups, List<string>? problems)
    {
        var workflow = new RuleWorkflow("campaign-target-groups", groups.Select(g => new RuleDefinition(g.Name, g.Rule)).ToList());
        try
        {
            return RuleCompiler.Compile<CustomerFacts>(workflow);
        }
        catch (RuleCompilationException e)
        {
            problems?.AddRange(e.Errors.Select(error => $"Zielgruppe {error.RuleName}: Regel ungültig{(error.Position >= 0 ? $" an Position {error.Position}" : "")}: {error.Message}"));
            return null;
        }
    }

    private static void ValidateSchedule(CampaignSchedule? schedule, List<string> problems)
    {
        if (schedule is null)
        {
            problems.Add("Schedule fehlt.");
            return;
        }
        switch (schedule.Kind)
        {
            case CampaignScheduleKind.OneOff:
                break;
            case CampaignScheduleKind.Recurring when schedule.RepeatEveryDays is null or < 1 or > MaxRepeatEveryDays:
                problems.Add($"Schedule.RepeatEveryDays: 1 bis {MaxRepeatEveryDays} für eine wiederkehrende Kampagne.");
                break;
            case CampaignScheduleKind.Recurring:
                break;
            case CampaignScheduleKind.Triggered when schedule.TriggerEvent is null || !Enum.IsDefined(schedule.TriggerEvent.Value):
                problems.Add("Schedule.TriggerEvent: das auslösende Journey-Ereignis fehlt.");
                break;
            case CampaignScheduleKind.Triggered:
                break;
            default:
                problems.Add("Schedule.Kind: OneOff, Recurring oder Triggered.");
                break;
        }
        if (schedule.TriggerTariff is { Length: > 100 })
            problems.Add("Schedule.TriggerTariff: höchstens 100 Zeichen.");
    }

    private static void ValidateGroups(IReadOnlyList<TargetGroup>? groups, List<string> problems)
    {
        if (groups is null || groups.Count == 0 || groups.Count > MaxTargetGroups)
        {
            problems.Add($"TargetGroups: 1 bis {MaxTargetGroups} Zielgruppen.");
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var rulesComplete = true;
        var variantIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (group is null)
            {
                problems.Add("TargetGroups: eine Zielgruppe ist leer.");
                rulesComplete = false;
                continue;
            }
            var name = group.Name ?? "";
            if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
                problems.Add("Zielgruppe: Name mit 1 bis 100 Zeichen.");
            else if (!names.Add(name))
                problems.Add($"Zielgruppe {name}: der Name kommt mehrfach vor.");
            if (string.IsNullOrWhiteSpace(group.Rule) || group.Rule.Length > 4_000)
            {
                problems.Add($"Zielgruppe {name}: Regel mit 1 bis 4000 Zeichen.");
                rulesComplete = false;
            }
            ValidateChannelsAndVariants(name, group, variantIds, problems);
        }
        if (rulesComplete && problems.Count == 0)
            CompileRules(groups, problems);
    }

    private static void ValidateChannelsAndVariants(string name, TargetGroup group, HashSet<string> ids, List<string> problems)
    {
        var channels = group.Channels ?? [];
        if (channels.Count == 0)
            problems.Add($"Zielgruppe {name}: mindestens ein Kanal.");
        foreach (var channel in channels)
        {
            if (!CampaignChannels.Contains(channel))
                problems.Add($"Zielgruppe {name}: {channel} ist kein Kampagnenkanal (Letter, Email, AppPush, Sms, Phone).");
        }
        if (channels.Distinct().Count() != channels.Count)
            problems.Add($"Zielgruppe {name}: ein Kanal kommt mehrfach vor.");
        var variants = group.Variants ?? [];
        if (variants.Count == 0 || variants.Count > MaxVariants)
        {
            problems.Add($"Zielgruppe {name}: 1 bis {MaxVariants} Inhaltsvarianten.");
            return;
        }
        foreach (var variant in variants)
        {
            if (variant is null || string.IsNullOrWhiteSpace(variant.Id) || variant.Id.Length > 64)
            {
                problems.Add($"Zielgruppe {name}: jede Variante braucht eine Id (1 bis 64 Zeichen).");
                continue;
            }
            if (!ids.Add(variant.Id))
                problems.Add($"Zielgruppe {name}: die Variante {variant.Id} kommt in der Kampagne mehrfach vor.");
            if (variant.Weight is < 1 or > MaxWeight)
                problems.Add($"Zielgruppe {name}, Variante {variant.Id}: Gewicht 1 bis {MaxWeight}.");
            if (variant.Channel is { } channel && !channels.Contains(channel))
                problems.Add($"Zielgruppe {name}, Variante {variant.Id}: der Kanal {channel} gehört nicht zur Zielgruppe.");
            if ((variant.Subject ?? "").Length > 500 || (variant.Text ?? "").Length > 20_000)
                problems.Add($"Zielgruppe {name}, Variante {variant.Id}: Betreff höchstens 500, Text höchstens 20000 Zeichen.");
        }
        foreach (var channel in channels.Where(c => !variants.Any(v => v is not null && (v.Channel is null || v.Channel == c))))
            problems.Add($"Zielgruppe {name}: keine Inhaltsvariante für den Kanal {channel}.");
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex IdPattern();
}
