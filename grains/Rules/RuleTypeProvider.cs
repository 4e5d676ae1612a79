using System.Linq.Dynamic.Core.CustomTypeProviders;
using System.Reflection;

namespace Kasse.Grains.Rules;

/// <summary>
/// The only types a rule may name or call methods on besides Dynamic LINQ's basic types (primitives, string, dates,
/// Math, Convert): the input type, the enums of its properties, and <see cref="RuleFunctions"/>. Nothing is discovered by
/// scanning assemblies, so no other type of the process becomes reachable.
/// </summary>
internal sealed class RuleTypeProvider : IDynamicLinqCustomTypeProvider
{
    private readonly HashSet<Type> _types;
    private readonly Dictionary<Type, List<MethodInfo>> _noExtensionMethods = [];

    public RuleTypeProvider(Type inputType)
    {
        _types = [inputType, typeof(RuleFunctions)];
        foreach (var property in inputType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsEnum)
                _types.Add(type);
        }
    }

    public IReadOnlySet<Type> AllowedTypes => _types;

    public HashSet<Type> GetCustomTypes() => _types;

    public Dictionary<Type, List<MethodInfo>> GetExtensionMethods() => _noExtensionMethods;

    public Type? ResolveType(string typeName) => _types.FirstOrDefault(t => t.FullName == typeName);

    public Type? ResolveTypeBySimpleName(string simpleTypeName) => _types.FirstOrDefault(t => t.Name == simpleTypeName);
}
