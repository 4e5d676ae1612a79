using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Forms.Wire;

/// <summary>
/// One embedded host of its own for the forms wire tests: their chats go through the inbox, so its queues hold only
/// what these tests put there.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FormsWireCollection : ICollectionFixture<EmbeddedHostFixture>
{
    public const string Name = "forms wire host";
}
