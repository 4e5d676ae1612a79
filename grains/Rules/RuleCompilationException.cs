namespace Kasse.Grains.Rules;

/// <summary>
/// A rule set that cannot be compiled. <see cref="Errors"/> lists every broken rule; the properties of the exception
/// itself describe the first one.
/// </summary>
public sealed class RuleCompilationException : Exception
{
    public RuleCompilationException(IReadOnlyList<RuleCompilationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public RuleCompilationException()
        : this([new RuleCompilationError(null, null, -1, "the rule set cannot be compiled")])
    {
    }

    public RuleCompilationException(string message)
        : this([new RuleCompilationError(null, null, -1, message)])
    {
    }

    public RuleCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new RuleCompilationError(null, null, -1, message)];
    }

    public IReadOnlyList<RuleCompilationError> Errors { get; }

    /// <summary>The first broken rule's name; null when the document itself is broken.</summary>
    public string? RuleName => Errors[0].RuleName;

    /// <summary>The first broken rule's expression.</summary>
    public string? Expression => Errors[0].Expression;

    /// <summary>Zero-based character position in <see cref="Expression"/>; -1 when unknown.</summary>
    public int Position => Errors[0].Position;

    private static string Describe(IReadOnlyList<RuleCompilationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
            throw new ArgumentException("at least one error", nameof(errors));
        return errors.Count == 1 ? errors[0].ToString() : $"{errors[0]} (and {errors.Count - 1} more)";
    }
}
