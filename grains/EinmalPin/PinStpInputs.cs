using System.Globalization;
using System.Text.Json;
using Kasse.EinmalPin;
using Kasse.Grains.Rules;
using Kasse.Grains.Rules.Inputs;
using Kasse.Rules;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// Asks the case type's <c>stp.*</c> rule set about a submission: the typed input from the submitted answers (field ids
/// of the shipped forms) and the imported data, decided and recorded as a decision about the case.
/// </summary>
public static class PinStpInputs
{
    public const string SubjectType = "pin-case";

    public static Task<RuleDecision> DecideAndRecordAsync(
        RuleEvaluator rules, PinCaseData data, IReadOnlyDictionary<string, string> answers, DateOnly today)
    {
        var ruleSet = PinCaseTypes.StpRuleSetOf(data.CaseType);
        return data.CaseType switch
        {
            PinCaseType.SteuerId => rules.DecideAndRecordAsync(ruleSet, new SteuerIdSubmission(
                Text(answers, "kvnr"), Text(answers, "steuerId"), data.PrefillSteuerId, data.BirthDate, data.Deadline,
                Bool(answers, "bestaetigung"), today), SubjectType, data.CaseNumber),
            PinCaseType.SepaMandat => rules.DecideAndRecordAsync(ruleSet, new SepaMandatSubmission(
                Text(answers, "iban"), Text(answers, "kontoinhaberName"),
                SameName(Text(answers, "kontoinhaberName"), $"{data.FirstName} {data.LastName}"),
                Bool(answers, "mandatErteilt"), data.Deadline, today), SubjectType, data.CaseNumber),
            PinCaseType.Unfallfragebogen => rules.DecideAndRecordAsync(ruleSet, new UnfallfragebogenSubmission(
                Bool(answers, "dritterBeteiligt"), Bool(answers, "polizeiAufgenommen"), Bool(answers, "einwilligung"),
                data.Deadline, today), SubjectType, data.CaseNumber),
            _ => throw new ArgumentOutOfRangeException(nameof(data)),
        };
    }

    /// <summary>Names compared as people write them: case, accents' composition and runs of blanks do not matter.</summary>
    private static bool SameName(string? given, string insured) =>
        given is not null && string.Equals(Canonical(given), Canonical(insured), StringComparison.Ordinal);

    private static string Canonical(string name) =>
        string.Join(' ', name.Normalize().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToUpper(CultureInfo.InvariantCulture);

    private static string? Text(IReadOnlyDictionary<string, string> answers, string path)
    {
        if (!answers.TryGetValue(path, out var json))
            return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
    }

    private static bool Bool(IReadOnlyDictionary<string, string> answers, string path) =>
        answers.TryGetValue(path, out var json) && json.Trim() == "true";
}
