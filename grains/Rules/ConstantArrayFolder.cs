using System.Linq.Expressions;

namespace Kasse.Grains.Rules;

/// <summary>
/// Turns <c>new[] { "a", "b" }</c> built from constants (the <c>params</c> argument of <see cref="RuleFunctions.In"/>)
/// into one constant array, so an evaluation allocates nothing for it. Rule functions never write to their arguments.
/// </summary>
internal sealed class ConstantArrayFolder : ExpressionVisitor
{
    public static readonly ConstantArrayFolder Instance = new();

    protected override Expression VisitNewArray(NewArrayExpression node)
    {
        var visited = (NewArrayExpression)base.VisitNewArray(node);
        if (visited.NodeType != ExpressionType.NewArrayInit || !visited.Expressions.All(e => e is ConstantExpression))
            return visited;
        var elementType = visited.Type.GetElementType()!;
        var array = Array.CreateInstance(elementType, visited.Expressions.Count);
        for (var i = 0; i < visited.Expressions.Count; i++)
            array.SetValue(((ConstantExpression)visited.Expressions[i]).Value, i);
        return Expression.Constant(array, visited.Type);
    }
}
