using System.Linq.Expressions;
using System.Reflection;
using Kasse.Grains.Rules;

namespace Kasse.Tests.Rules;

/// <summary>
/// The guard on its own, over expression trees built by hand: what Dynamic LINQ would already refuse must still be
/// refused by the guard, so that a gap in either layer alone is caught.
/// </summary>
public sealed class RuleExpressionGuardTests
{
    public sealed record Probe(string Name, int Count);

    private static readonly ParameterExpression Input = Expression.Parameter(typeof(Probe), "input");
    private static readonly Expression Name = Expression.Property(Input, nameof(Probe.Name));

    private static IReadOnlyList<(string Member, string Message)> Check(Expression body) =>
        new RuleExpressionGuard(new HashSet<Type> { typeof(Probe), typeof(RuleFunctions) }).Check(body);

    private static MethodInfo Method(Type type, string name, params Type[] parameters) =>
        type.GetMethod(name, parameters) ?? throw new MissingMethodException(type.Name, name);

    private static Expression NotNull(Expression value) => Expression.NotEqual(value, Expression.Constant(null, value.Type));

    // By name, so that each case is a test of its own in the runner.
    private static readonly Dictionary<string, Expression> RefusedTrees = new()
    {
        { "GetType() on the input", NotNull(Expression.Call(Input, Method(typeof(object), nameof(GetType)))) },
        { "GetType() on a string", NotNull(Expression.Call(Name, Method(typeof(object), nameof(GetType)))) },
        { "typeof as a constant", NotNull(Expression.Constant(typeof(File), typeof(Type))) },
        { "Type.GetType", NotNull(Expression.Call(Method(typeof(Type), nameof(Type.GetType), typeof(string)), Expression.Constant("System.IO.File"))) },
        { "a reflection member", NotNull(Expression.Property(Expression.Constant(typeof(Probe).GetProperty(nameof(Probe.Name))), nameof(PropertyInfo.DeclaringType))) },
        { "Assembly of a type", NotNull(Expression.Property(Expression.Call(Name, Method(typeof(object), nameof(GetType))), nameof(Type.Assembly))) },
        { "File.Exists", Expression.Call(Method(typeof(File), nameof(File.Exists), typeof(string)), Name) },
        { "Environment", Expression.GreaterThan(Expression.Property(null, typeof(Environment), nameof(Environment.ProcessorCount)), Expression.Constant(0)) },
        { "invoking a delegate", Expression.Invoke(Expression.Constant((Func<bool>)(() => true))) },
        { "DateTime.Now", Expression.GreaterThan(Expression.Property(null, typeof(DateTime), nameof(DateTime.Now)), Expression.Constant(DateTime.MinValue)) },
        { "Guid.NewGuid", Expression.NotEqual(Expression.Call(Method(typeof(Guid), nameof(Guid.NewGuid))), Expression.Constant(Guid.Empty)) },
        { "ToString of the input", NotNull(Expression.Call(Input, Method(typeof(object), nameof(ToString)))) },
        { "String.PadLeft", Expression.GreaterThan(Expression.Property(Expression.Call(Name, Method(typeof(string), nameof(string.PadLeft), typeof(int)), Expression.Constant(1_000_000_000)), nameof(string.Length)), Expression.Constant(0)) },
        { "String.Replace", NotNull(Expression.Call(Name, Method(typeof(string), nameof(string.Replace), typeof(string), typeof(string)), Expression.Constant("a"), Expression.Constant("bb"))) },
        { "a string constructor", NotNull(Expression.New(typeof(string).GetConstructor([typeof(char), typeof(int)])!, Expression.Constant('a'), Expression.Constant(1_000_000_000))) },
        { "an array of computed size", NotNull(Expression.NewArrayBounds(typeof(int), Expression.Property(Input, nameof(Probe.Count)))) },
        { "Enumerable.Range", Expression.GreaterThan(Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(int)], Expression.Call(Method(typeof(Enumerable), nameof(Enumerable.Range), typeof(int), typeof(int)), Expression.Constant(0), Expression.Constant(int.MaxValue))), Expression.Constant(0)) },
        { "a huge format precision", NotNull(Expression.Call(Expression.Property(Input, nameof(Probe.Count)), Method(typeof(int), nameof(int.ToString), typeof(string)), Expression.Constant("D999999999"))) },
    };

    public static TheoryData<string> Refused => new(RefusedTrees.Keys);

    [Theory]
    [MemberData(nameof(Refused))]
    public void The_guard_itself_refuses_what_a_rule_may_not_do(string what) =>
        Assert.True(Check(RefusedTrees[what]).Count > 0, $"{what} passed the guard");

    [Fact]
    public void The_guard_lets_the_input_the_functions_and_bounded_text_methods_pass()
    {
        var body = Expression.AndAlso(
            Expression.Call(Method(typeof(RuleFunctions), nameof(RuleFunctions.IsBlank), typeof(string)), Expression.Call(Name, Method(typeof(string), nameof(string.Trim)))),
            Expression.GreaterThan(Expression.Property(Input, nameof(Probe.Count)), Expression.Constant(0)));

        Assert.Empty(Check(body));
    }
}
