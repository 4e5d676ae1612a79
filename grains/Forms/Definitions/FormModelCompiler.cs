using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Kasse.Forms;
using Kasse.Grains.Rules;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// Turns a definition document into a <see cref="FormModel"/>: parses it (<see cref="FormDefinitionParser"/>), compiles
/// every expression with the rule set's compiler against <see cref="FormInput"/> (same sandbox: no clock, no
/// reflection, nothing unbounded), checks that expressions name fields that exist with a fitting type, and — for
/// validation — runs the document's test cases. Every problem comes with its location.
/// </summary>
public static class FormModelCompiler
{
    /// <summary>The compiled model, or null with <paramref name="problems"/> filled.</summary>
    public static FormModel? Compile(string documentJson, int version, List<FormDefinitionProblem> problems)
    {
        var definition = FormDefinitionParser.Parse(documentJson, problems);
        if (definition is null || problems.Count > 0)
            return null;
        return Compile(definition, version, problems);
    }

    /// <summary>The compiled model; FORM_DEFINITION_INVALID naming the first problems when it does not compile.</summary>
    public static FormModel CompileOrThrow(string documentJson, int version)
    {
        var problems = new List<FormDefinitionProblem>();
        return Compile(documentJson, version, problems) ?? throw Invalid(problems);
    }

    /// <summary>
    /// Every problem of a document: shape, expressions, its own test cases, and test cases whose evaluation costs more
    /// than the rule budget (<see cref="RuleBudgetOptions"/>: a form is evaluated after every keystroke of every session);
    /// empty when it is sound.
    /// </summary>
    public static IReadOnlyList<FormDefinitionProblem> Validate(string documentJson, int version, RuleBudgetOptions? budget = null)
    {
        budget ??= new RuleBudgetOptions();
        var problems = new List<FormDefinitionProblem>();
        var definition = FormDefinitionParser.Parse(documentJson, problems);
        if (definition is null || problems.Count > 0)
            return problems;
        var model = Compile(definition, version, problems);
        if (model is null)
            return problems;
        for (var i = 0; i < definition.TestCases.Count; i++)
        {
            var testCase = definition.TestCases[i];
            var evaluation = model.Evaluate(testCase.Values, testCase.Today);
            if (evaluation.Complete != testCase.ExpectComplete)
            {
                var failing = evaluation.Fields.Where(f => f.Error is not null).Select(f => $"{f.Path}: {f.Error!.De}").Take(3);
                problems.Add(new FormDefinitionProblem(
                    $"testCases[{i}]",
                    $"Testfall „{testCase.Name}“: erwartet {(testCase.ExpectComplete ? "vollständig" : "unvollständig")}, ergibt {(evaluation.Complete ? "vollständig" : "unvollständig")}"
                    + (evaluation.Complete ? "." : $" ({string.Join("; ", failing.DefaultIfEmpty("Pflichtfelder leer"))}).")));
            }
            if (testCase.ExpectClerk is { } clerk && model.Review(testCase.Values, testCase.Today).ClerkMustLook != clerk)
                problems.Add(new FormDefinitionProblem($"testCases[{i}]", $"Testfall „{testCase.Name}“: erwartet {(clerk ? "Sachbearbeitung" : "keine Sachbearbeitung")}, ergibt das Gegenteil."));
            if (OverBudget(model, testCase, budget) is { } cost)
                problems.Add(new FormDefinitionProblem($"testCases[{i}]", $"Testfall „{testCase.Name}“: eine Auswertung kostet {cost}; erlaubt sind {budget.MaxDurationPerDecision.TotalMilliseconds:0.#} ms und {budget.MaxAllocatedBytesPerDecision:N0} Bytes."));
        }
        return problems;
    }

    /// <summary>The best of three measured evaluations after a first one (JIT, caches); null when within the budget.</summary>
    private static string? OverBudget(FormModel model, FormDefinitionTestCase testCase, RuleBudgetOptions budget)
    {
        model.Evaluate(testCase.Values, testCase.Today);
        var bestTime = TimeSpan.MaxValue;
        var bestBytes = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            model.Evaluate(testCase.Values, testCase.Today);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
            bestTime = elapsed < bestTime ? elapsed : bestTime;
            bestBytes = Math.Min(bytes, bestBytes);
            if (bestTime <= budget.MaxDurationPerDecision && bestBytes <= budget.MaxAllocatedBytesPerDecision)
                return null;
        }
        return $"{bestTime.TotalMilliseconds:0.#} ms und {bestBytes:N0} Bytes";
    }

    public static FormException Invalid(IReadOnlyList<FormDefinitionProblem> problems)
    {
        var described = problems.Take(5).Select(p =>
            (p.Location.Length > 0 ? p.Location + ": " : "") + p.Message + (p.Position is { } position ? $" (Position {position})" : ""));
        var more = problems.Count > 5 ? $" (und {problems.Count - 5} weitere)" : "";
        return new FormException(FormErrors.DefinitionInvalid, $"Die Formulardefinition ist fehlerhaft: {string.Join("; ", described)}{more}");
    }

    private static FormModel? Compile(FormDefinition definition, int version, List<FormDefinitionProblem> problems)
    {
        var rules = new List<RuleDefinition>();
        var fields = new List<FormFieldNode>();
        var types = new Dictionary<string, FormFieldType>(StringComparer.Ordinal);
        for (var s = 0; s < definition.Steps.Count; s++)
        {
            foreach (var section in definition.Steps[s].Sections)
            {
                foreach (var field in section.Fields)
                {
                    var node = Node(field, s, null, rules);
                    types[field.Id] = field.Type;
                    if (field.Type == FormFieldType.RepeatingGroup)
                    {
                        node.Children = field.Fields.Select(child => Node(child, s, node, rules)).ToArray();
                        node.ChildById = node.Children.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
                        foreach (var child in field.Fields)
                            types[child.Id] = child.Type;
                    }
                    fields.Add(node);
                }
            }
        }
        var clerkIf = definition.Review is { } review ? Add(rules, "review.clerkIf", review.ClerkIf) : -1;

        foreach (var rule in rules)
            CheckFieldReferences(rule, types, problems);
        CompiledRuleSet<FormInput>? compiled = null;
        try
        {
            compiled = RuleCompiler.Compile<FormInput>(new RuleWorkflow(definition.Name, rules));
        }
        catch (RuleCompilationException e)
        {
            problems.AddRange(e.Errors.Select(error => new FormDefinitionProblem(
                error.RuleName ?? "", error.Message, error.Expression, error.Position >= 0 ? error.Position : null)));
        }
        return compiled is null || problems.Count > 0 ? null : new FormModel(definition, version, [.. fields], compiled, clerkIf);
    }

    private static FormFieldNode Node(FormFieldDefinition field, int stepIndex, FormFieldNode? group, List<RuleDefinition> rules) =>
        new(field, stepIndex, group)
        {
            VisibleIf = Add(rules, $"{field.Location}.visibleIf", field.VisibleIf),
            RequiredIf = Add(rules, $"{field.Location}.requiredIf", field.RequiredIf),
            EnabledIf = Add(rules, $"{field.Location}.enabledIf", field.EnabledIf),
            Validations = field.Validations.Select((v, i) => Add(rules, $"{field.Location}.validations[{i}].rule", v.Rule)).ToArray(),
        };

    private static int Add(List<RuleDefinition> rules, string location, string? expression)
    {
        if (expression is null)
            return -1;
        rules.Add(new RuleDefinition(location, expression));
        return rules.Count - 1;
    }

    /// <summary><c>Bool("x")</c> needs a yes/no or consent field x, <c>Count("g")</c> a repeating group, and so on; every id must exist.</summary>
    private static void CheckFieldReferences(RuleDefinition rule, Dictionary<string, FormFieldType> types, List<FormDefinitionProblem> problems)
    {
        foreach (Match match in FormFieldReferences.Literal(rule.Expression))
        {
            var member = match.Groups["member"].Value;
            var reference = match.Groups["id"].Value;
            var id = FormFieldReferences.FieldIdOf(reference);
            var dot = reference.IndexOf('.', StringComparison.Ordinal);
            var position = match.Groups["id"].Index;
            if (!types.TryGetValue(id, out var type))
            {
                problems.Add(new FormDefinitionProblem(rule.RuleName, $"{member}(\"{reference}\"): das Feld '{id}' gibt es nicht.", rule.Expression, position));
                continue;
            }
            var part = dot < 0 ? null : reference[(dot + 1)..];
            var fits = member switch
            {
                "Bool" => type is FormFieldType.YesNo or FormFieldType.Consent,
                "Number" => type == FormFieldType.Number,
                "Date" => type == FormFieldType.Date,
                "Count" => type == FormFieldType.RepeatingGroup,
                _ => true,
            };
            if (part is not null)
                fits &= member is "Text" or "IsSet" && (type == FormFieldType.Address && part is "street" or "houseNumber" or "postalCode" or "city"
                    || type == FormFieldType.File && part == "fileName");
            if (!fits)
                problems.Add(new FormDefinitionProblem(rule.RuleName, $"{member}(\"{reference}\") passt nicht zum Feldtyp {FormFieldTypes.NameOf(type)}.", rule.Expression, position));
        }
    }
}
