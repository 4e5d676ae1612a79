using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Workspace;

/// <summary>
/// An embedded host of the workspace tests alone: their agents' presence and capacity must not meet the chats other
/// test classes leave waiting in a shared host (every started chat is a work item now).
/// </summary>
[CollectionDefinition(Name)]
public sealed class WorkspaceHostCollection : ICollectionFixture<EmbeddedHostFixture>
{
    public const string Name = "workspace host";
}
