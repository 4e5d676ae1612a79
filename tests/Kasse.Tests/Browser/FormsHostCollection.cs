using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Browser;

/// <summary>
/// An embedded host of the forms browser tests alone: their agents take chats through the inbox, which must not meet
/// the chats other test classes leave waiting in a shared host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FormsHostCollection : ICollectionFixture<EmbeddedHostFixture>
{
    public const string Name = "forms host";
}
