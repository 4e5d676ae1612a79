namespace Kasse.Tests.Infrastructure;

/// <summary>
/// Tests that start silo processes of their own. Several JIT-compiling processes on two cores starve every other test
/// running beside them, so this collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiloProcessCollection
{
    public const string Name = "silo processes";
}
