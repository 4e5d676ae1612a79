using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Kasse.Tests.Infrastructure.LongestFirstCollectionOrderer", "Kasse.Tests")]

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// xUnit runs two collections at a time (one per core) and takes them in this order: the collections marked
/// <see cref="StartsEarlyAttribute"/> first, longest first, then the rest in xUnit's default order. Longest first keeps
/// a long collection from starting last and leaving one core idle while it finishes.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    /// <summary>How xUnit names the collection of a test class without a <c>[Collection]</c> of its own.</summary>
    private const string ClassCollectionPrefix = "Test collection for ";

    private readonly DefaultTestCollectionOrderer _default = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        _default.OrderTestCollections(testCollections)
            .Select((collection, index) => (collection, index, seconds: ExpectedSeconds(collection)))
            .OrderByDescending(c => c.seconds)
            .ThenBy(c => c.index)
            .Select(c => c.collection)
            .ToList();

    private static int ExpectedSeconds(ITestCollection collection)
    {
        var type = collection.CollectionDefinition
            ?? (collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal)
                ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..])
                : null);
        var attribute = type?.GetCustomAttributes(typeof(StartsEarlyAttribute)).FirstOrDefault();
        return attribute?.GetConstructorArguments().FirstOrDefault() is int seconds ? seconds : 0;
    }
}
