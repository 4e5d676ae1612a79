namespace Kasse.Tests.Infrastructure;

/// <summary>
/// Marks a test class or collection definition whose collection runs long (its rough length on the quiet 2-core
/// reference machine): <see cref="LongestFirstCollectionOrderer"/> starts it first, so that it ends while the short
/// collections still keep the other core busy instead of running on alone at the end of the suite.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StartsEarlyAttribute(int expectedSeconds) : Attribute
{
    public int ExpectedSeconds { get; } = expectedSeconds;
}
