using System.Linq.Expressions;
using System.Reflection;

namespace Kasse.Grains.Rules;

/// <summary>
/// Second line of defence after Dynamic LINQ's own checks, over the parsed tree: every method, constructor and member
/// must belong to an allowed type (<see cref="RuleTypeProvider"/>, the basic value types, <see cref="Enumerable"/> for
/// collections of the input), nothing may invoke a delegate or reach reflection, and nothing may read the clock or a
/// random source, so that a decision can be replayed from its input. Nothing may make text or a sequence grow without
/// bound either (a decision runs on every silo for every case): of <see cref="string"/> only the methods that return at
/// most what they were given (<see cref="StringMethods"/>), no string or collection constructors, no generators
/// (<c>Enumerable.Range</c>, <c>Repeat</c>) or accumulators (<c>Aggregate</c>), and no format with a huge precision
/// (<c>ToString("D999999999")</c>). Also checks constant regular expressions.
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

    /// <summary>
    /// The methods of <see cref="string"/> a rule may call: each returns a bool, a number, or text no longer than its
    /// input (plus constants of the expression for <c>+</c>). Not PadLeft/PadRight, Replace, Insert, Join, Format,
    /// Concat of a sequence, or anything else that can multiply the length.
    /// </summary>
    internal static readonly IReadOnlySet<string> StringMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "get_Chars", "get_Length", "Contains", "StartsWith", "EndsWith", "IndexOf", "IndexOfAny", "LastIndexOf",
        "LastIndexOfAny", "Equals", "CompareTo", "Compare", "CompareOrdinal", "IsNullOrEmpty", "IsNullOrWhiteSpace",
        "Trim", "TrimStart", "TrimEnd", "ToUpper", "ToLower", "ToUpperInvariant", "ToLowerInvariant", "Substring",
        "Remove", "ToCharArray", "Split", "IsNormalized", "op_Equality", "op_Inequality", "Concat",
    };

    /// <summary>Methods of <see cref="Enumerable"/> that produce or accumulate without a bound from the input.</summary>
    private static readonly HashSet<string> UnboundedEnumerableMethods = new(StringComparer.Ordinal) { "Range", "Repeat", "Aggregate" };

    /// <summary>The largest precision a standard format may ask for ("D10", "N2"); .NET allows up to 999,999,999 digits.</summary>
    private const int MaxFormatPrecision = 100;

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
        CheckBounded(node);
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
        // that leads into reflection or to a delegate, and static ones only of allowed types; method calls are checked
        // strictly.
        var member = node.Member;
        if (IsReflection(member.DeclaringType) || IsReflection(GetMemberType(member))
            // A static member is not reached through the input: only those of allowed types (Environment, AppDomain …).
            || node.Expression is null && (member.DeclaringType is null || !IsAllowed(member.DeclaringType)))
            _violations.Add((member.Name, $"{member.DeclaringType?.Name}.{member.Name} is not allowed in a rule"));
        else
            CheckDeterministic(member);
        return base.VisitMember(node);
    }

    protected override Expression VisitNew(NewExpression node)
    {
        if (node.Type == typeof(string) || typeof(System.Collections.IEnumerable).IsAssignableFrom(node.Type))
            _violations.Add((node.Type.Name, $"creating a {node.Type.Name} is not allowed in a rule: it could grow without bound"));
        else if (node.Constructor is { } constructor)
            CheckMember(constructor, constructor.DeclaringType!.Name);
        else if (!IsAllowed(node.Type))
            _violations.Add((node.Type.Name, $"creating a {node.Type.Name} is not allowed"));
        return base.VisitNew(node);
    }

    protected override Expression VisitNewArray(NewArrayExpression node)
    {
        // new[] { a, b } lists what the expression names; an array of a computed size could be of any size.
        if (node.NodeType == ExpressionType.NewArrayBounds)
            _violations.Add(("new", "creating an array of a computed size is not allowed in a rule"));
        return base.VisitNewArray(node);
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

    /// <summary>Refuses calls that can allocate or run without a bound set by the input's size.</summary>
    private void CheckBounded(MethodCallExpression node)
    {
        var method = node.Method;
        if (method.DeclaringType == typeof(string) && !IsBoundedStringMethod(method))
        {
            _violations.Add((method.Name, $"String.{method.Name} is not allowed in a rule: it can make text grow without bound"));
        }
        else if (method.DeclaringType == typeof(Enumerable) && UnboundedEnumerableMethods.Contains(method.Name))
        {
            _violations.Add((method.Name, $"Enumerable.{method.Name} is not allowed in a rule: it can run or allocate without bound"));
        }
        else if (method.Name == nameof(ToString) && node.Object is not null && node.Arguments.FirstOrDefault(a => a.Type == typeof(string)) is { } format)
        {
            if (format is not ConstantExpression { Value: string constant })
                _violations.Add((method.Name, "a format must be a constant in a rule"));
            else if (HasHugePrecision(constant))
                _violations.Add((constant, $"a format may ask for at most {MaxFormatPrecision} digits in a rule"));
        }
    }

    private static bool IsBoundedStringMethod(MethodInfo method) =>
        StringMethods.Contains(method.Name)
        // Concat only as the + of a few strings (or values): its length is the sum of what the expression names.
        && (method.Name != nameof(string.Concat)
            || method.GetParameters() is { Length: >= 2 and <= 4 } parameters && parameters.All(p => p.ParameterType == typeof(string) || p.ParameterType == typeof(object)));

    /// <summary>A standard format with a precision specifier above <see cref="MaxFormatPrecision"/> ("D999999999").</summary>
    private static bool HasHugePrecision(string format)
    {
        var trimmed = format.Trim();
        return trimmed.Length > 1 && char.IsAsciiLetter(trimmed[0]) && trimmed[1..].All(char.IsAsciiDigit)
            && (trimmed.Length > 4 || int.Parse(trimmed[1..], System.Globalization.CultureInfo.InvariantCulture) > MaxFormatPrecision);
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
