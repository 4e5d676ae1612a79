using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Browser;

/// <summary>
/// An embedded host of the EinmalPIN browser tests alone: they read counts over all cases and route a case to the
/// inbox, which must not meet the cases and items other test classes leave in a shared host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EinmalPinHostCollection : ICollectionFixture<EmbeddedHostFixture>
{
    public const string Name = "einmalpin host";
}
