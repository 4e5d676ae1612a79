using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary>An embedded host of the consent and contact-policy API tests alone (they publish policies and record objections).</summary>
[CollectionDefinition(Name)]
public sealed class PolicyHostCollection : ICollectionFixture<EmbeddedHostFixture>
{
    public const string Name = "policy host";
}
