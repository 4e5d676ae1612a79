namespace Kasse.Grains.Rules;

/// <summary>
/// A named rule set the product asks, bound to the typed input it decides on. The binding is code (the input record
/// is what the channel submits); the rules themselves are data.
/// </summary>
public abstract class RuleSetKind(string name, string description)
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public abstract Type InputType { get; }

    /// <summary>Compiles a version; throws <see cref="RuleCompilationException"/> for a broken expression.</summary>
    public abstract RuleSetEngine Compile(RuleSetDocument document, int version);

    /// <summary>The document shipped with the product, published as version 1 on first start.</summary>
    public string DefaultDocumentJson()
    {
        var resource = $"Kasse.Grains.Rules.Defaults.{Name}.json";
        using var stream = typeof(RuleSetKind).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"default rule set {resource} missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public string DefaultWorkflowJson() => RuleSetDocument.Parse(DefaultDocumentJson()).WorkflowJson;
}

/// <summary>A rule set kind for input type <typeparamref name="TInput"/>.</summary>
public sealed class RuleSetKind<TInput>(string name, string description) : RuleSetKind(name, description)
    where TInput : class
{
    public override Type InputType => typeof(TInput);

    public override RuleSetEngine Compile(RuleSetDocument document, int version) =>
        new RuleSetEngine<TInput>(Name, version, document.SafeOutcome, RuleCompiler.Compile<TInput>(document.WorkflowJson));
}
