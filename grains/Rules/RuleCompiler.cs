using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using FastExpressionCompiler;

namespace Kasse.Grains.Rules;

/// <summary>
/// Compiles a rule set once: each expression is parsed with System.Linq.Dynamic.Core (the expression language of
/// Microsoft RulesEngine) against the typed input, checked by <see cref="RuleExpressionGuard"/>, and compiled with
/// FastExpressionCompiler to a <c>Func&lt;TInput, bool&gt;</c>. Evaluation then costs about as much as the same checks
/// written in C#. Rules see the input as <c>input</c> (or by its members directly: <c>Iban</c> = <c>input.Iban</c>) and
/// may call <see cref="RuleFunctions"/>, the members of the input, and the basic types (string, numbers, dates, Math).
/// </summary>
public static class RuleCompiler
{
    public const string DefaultParameterName = "input";

    /// <summary>Parses and compiles <paramref name="workflowJson"/>; throws <see cref="RuleCompilationException"/> listing every broken rule.</summary>
    public static CompiledRuleSet<TInput> Compile<TInput>(string workflowJson, string parameterName = DefaultParameterName) =>
        Compile<TInput>(RuleWorkflow.Parse(workflowJson), parameterName);

    /// <summary>Compiles every enabled rule of <paramref name="workflow"/>; throws <see cref="RuleCompilationException"/> listing every broken rule.</summary>
    public static CompiledRuleSet<TInput> Compile<TInput>(RuleWorkflow workflow, string parameterName = DefaultParameterName)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var enabled = workflow.Rules.Where(r => r.Enabled).ToArray();
        var predicates = new Func<TInput, bool>[enabled.Length];
        var errors = new List<RuleCompilationError>();
        var context = new CompilationContext(typeof(TInput), parameterName);
        for (var i = 0; i < enabled.Length; i++)
        {
            var lambda = Parse<TInput>(context, enabled[i], errors);
            if (lambda is null)
                continue;
            try
            {
                // FastExpressionCompiler falls back to Expression.Compile for the rare node it cannot emit itself.
                predicates[i] = lambda.CompileFast(ifFastFailedReturnNull: false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                errors.Add(new RuleCompilationError(enabled[i].RuleName, enabled[i].Expression, -1, $"the expression cannot be compiled: {e.Message}"));
            }
        }
        if (errors.Count > 0)
            throw new RuleCompilationException(errors);
        return new CompiledRuleSet<TInput>(workflow.WorkflowName, enabled, predicates);
    }

    /// <summary>Every error of <paramref name="workflowJson"/> without throwing; empty when it compiles.</summary>
    public static IReadOnlyList<RuleCompilationError> Validate<TInput>(string workflowJson, string parameterName = DefaultParameterName)
    {
        try
        {
            Compile<TInput>(workflowJson, parameterName);
            return [];
        }
        catch (RuleCompilationException e)
        {
            return e.Errors;
        }
    }

    private static Expression<Func<TInput, bool>>? Parse<TInput>(CompilationContext context, RuleDefinition rule, List<RuleCompilationError> errors)
    {
        LambdaExpression parsed;
        try
        {
            parsed = DynamicExpressionParser.ParseLambda(context.Config, [context.Parameter], typeof(bool), rule.Expression);
        }
        catch (ParseException e)
        {
            errors.Add(new RuleCompilationError(rule.RuleName, rule.Expression, e.Position, StripPosition(e.Message)));
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Dynamic LINQ reports most errors as ParseException; anything else it throws is still a broken rule,
            // never a crash of the publication.
            errors.Add(new RuleCompilationError(rule.RuleName, rule.Expression, -1, e.Message));
            return null;
        }

        var body = ConstantArrayFolder.Instance.Visit(parsed.Body);
        if (body.Type != typeof(bool))
        {
            errors.Add(new RuleCompilationError(rule.RuleName, rule.Expression, 0, $"the expression is of type {body.Type.Name}, not bool"));
            return null;
        }
        var violations = new RuleExpressionGuard(context.AllowedTypes).Check(body);
        if (violations.Count > 0)
        {
            foreach (var (member, message) in violations)
                errors.Add(new RuleCompilationError(rule.RuleName, rule.Expression, rule.Expression.IndexOf(member, StringComparison.OrdinalIgnoreCase), message));
            return null;
        }
        return Expression.Lambda<Func<TInput, bool>>(body, rule.RuleName, [context.Parameter]);
    }

    /// <summary>Dynamic LINQ appends " (at index N)" to its messages; the position is reported separately.</summary>
    private static string StripPosition(string message)
    {
        var at = message.LastIndexOf(" (at index ", StringComparison.Ordinal);
        return at > 0 ? message[..at] : message;
    }

    private sealed class CompilationContext
    {
        public CompilationContext(Type inputType, string parameterName)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(parameterName);
            Parameter = Expression.Parameter(inputType, parameterName);
            var types = new RuleTypeProvider(inputType);
            AllowedTypes = types.AllowedTypes;
            Config = new ParsingConfig
            {
                CustomTypeProvider = types,
                ResolveTypesBySimpleName = false,
                AllowNewToEvaluateAnyType = false,
                DisallowNewKeyword = true,
                AllowEqualsAndToStringMethodsOnObject = false,
                SupportCastingToFullyQualifiedTypeAsString = false,
                LoadAdditionalAssembliesFromCurrentDomainBaseDirectory = false,
            };
        }

        public ParameterExpression Parameter { get; }

        public IReadOnlySet<Type> AllowedTypes { get; }

        public ParsingConfig Config { get; }
    }
}
