namespace Kasse.Tests.EinmalPin.Import;

/// <summary>
/// Tests that start and stop in-process hosts of their own while a long import runs: they run alone, after the parallel
/// collections. Run beside other in-process hosts, another host's import views showed this test's counts — several
/// silos in one process share something they must not (production runs one silo per process); under investigation.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone: import across hosts";
}
