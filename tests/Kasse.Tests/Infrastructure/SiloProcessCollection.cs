namespace Kasse.Tests.Infrastructure;

/// <summary>
/// Tests that start silo processes of their own. They run one after the other, never two at once: several
/// JIT-compiling processes on two cores would starve each other. They need no more than that — each takes its own free
/// ports, its own database (or server) and its own temporary directories — so the collection runs beside the others,
/// and first (it is the longest), rather than alone at the end of the suite with the second core idle.
/// </summary>
[CollectionDefinition(Name)]
[StartsEarly(130)]
public sealed class SiloProcessCollection
{
    public const string Name = "silo processes";
}
