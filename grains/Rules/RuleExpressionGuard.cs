using System.Linq.Expressions;
using System.Reflection;

namespace Kasse.Rules;

/// <summary>
/// Second line of defence after Dynamic LINQ's own checks, over the parsed tree: every method, constructor and member
/// must belong to an allowed type (<see cref="RuleTypeProvider"/>, the basic value types, <see cref="Enumerable"/> for
/// collections of the input), nothing may invoke a delegate or reach reflection, and nothing may read the clock or a
/// random source, so that a decision can be replayed from its input. Also checks constant regular expressions.
/// </summary>
internal sealed class RuleExpressionGuard(IReadOnlySet<Type> allowedTypes) : ExpressionVisitor
{
    private static readonly HashSet<Type> BasicTypes =
    [
        typeof(bool), typeof(char), typeof(string), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort),
        typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
        typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(DateOnly), typeof(TimeOnly), typeof(Guid),
        typeof(Math), typeof(Convert), typeof(Enumerable), typeof(Nullable), typeof(StringComparer),
    ];

    private static readonly HashSet<string> NonDeterministicMembers =
    [
        "System.DateTime.Now", "System.DateTime.UtcNow", "System.DateTime.Today",
        "System.DateTimeOffset.Now", "System.DateTimeOffset.UtcNow", "System.Guid.NewGuid",
    ];

    private readonly List<(string Member, string Message)> _violations = [];

    public IReadOnlyList<(string Member, string Message)> Check(Expression expression)
    {
        _violations.Clear();
        Visit(expression);
        return _violations;
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        CheckMember(node.Method, node.Method.Name);
        if (node.Method.DeclaringType == typeof(RuleFunctions) && node.Method.Name == nameof(RuleFunctions.Matches)
            && node.Arguments[1] is ConstantExpression { Value: string pattern })
        {
            try
            {
                RuleFunctions.GetRegex(pattern);
            }
            catch (ArgumentException e)
            {
                _violations.Add((pattern, $"the regular expression is malformed: {e.Message}"));
            }
        }
        return base.VisitMethodCall(node);
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        // Properties and fields of any type the input leads to may be read (nested records of the input), but nothing
        // that leads into reflection or to a delegate; method calls are checked strictly.
        var member = node.Member;
        if (IsReflection(member.DeclaringType) || IsReflection(GetMemberType(member)))
            _violations.Add((member.Name, $"{member.DeclaringType?.Name}.{member.Name} is not allowed in a rule"));
        else
            CheckDeterministic(member);
        return base.VisitMember(node);
    }

    protected override Expression VisitNew(NewExpression node)
    {
        if (node.Constructor is { } constructor)
            CheckMember(constructor, constructor.DeclaringType!.Name);
        else if (!IsAllowed(node.Type))
            _violations.Add((node.Type.Name, $"creating a {node.Type.Name} is not allowed"));
        return base.VisitNew(node);
    }

    protected override Expression VisitInvocation(InvocationExpression node)
    {
        _violations.Add(("Invoke", "invoking a delegate is not allowed"));
        return base.VisitInvocation(node);
    }

    protected override Expression VisitConstant(ConstantExpression node)
    {
        if (node.Value is not null && IsReflection(node.Value.GetType()))
            _violations.Add((node.Value.ToString() ?? "constant", "reflection objects and delegates are not allowed in a rule"));
        return base.VisitConstant(node);
    }

    private void CheckMember(MemberInfo member, string name)
    {
        var declaringType = member.DeclaringType;
        if (declaringType is null || !IsAllowed(declaringType) || IsReflection(GetMemberType(member)))
            _violations.Add((name, $"{declaringType?.Name ?? "?"}.{member.Name} is not allowed in a rule"));
        else
            CheckDeterministic(member);
    }

    private void CheckDeterministic(MemberInfo member)
    {
        if (NonDeterministicMembers.Contains($"{member.DeclaringType?.FullName}.{member.Name}"))
            _violations.Add((member.Name, $"{member.DeclaringType!.Name}.{member.Name} is not allowed in a rule: take dates from the input, so that a decision can be replayed"));
    }

    private static bool IsReflection(Type? type) =>
        type is not null
        && (typeof(MemberInfo).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type)
            || type == typeof(Assembly) || type.Namespace?.StartsWith("System.Reflection", StringComparison.Ordinal) == true);

    private bool IsAllowed(Type type)
    {
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
            type = type.GetGenericTypeDefinition();
        return BasicTypes.Contains(type) || allowedTypes.Contains(type) || type == typeof(Nullable<>)
            || type.IsEnum
            // Members of the input's collections: Count, Length, indexers.
            || type == typeof(Array) || type == typeof(List<>) || type == typeof(IList<>) || type == typeof(ICollection<>)
            || type == typeof(IReadOnlyList<>) || type == typeof(IReadOnlyCollection<>) || type == typeof(IEnumerable<>)
            || type == typeof(Dictionary<,>) || type == typeof(IReadOnlyDictionary<,>) || type == typeof(IDictionary<,>)
            || type == typeof(HashSet<>) || type == typeof(ISet<>) || type == typeof(IReadOnlySet<>);
    }

    private static Type? GetMemberType(MemberInfo member) => member switch
    {
        PropertyInfo property => property.PropertyType,
        FieldInfo field => field.FieldType,
        MethodInfo method => method.ReturnType,
        _ => null,
    };
}
