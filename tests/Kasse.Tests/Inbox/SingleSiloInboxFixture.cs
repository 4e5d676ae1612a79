namespace Kasse.Tests.Inbox;

/// <summary>One in-memory silo with a short offer timeout, shared by the routing behaviour tests (each uses its own skill, so its own queue).</summary>
public sealed class SingleSiloInboxFixture : IAsyncLifetime
{
    public static readonly TimeSpan OfferTimeout = TimeSpan.FromSeconds(2);

    private InboxCluster? _inbox;

    public InboxCluster Inbox => _inbox ?? throw new InvalidOperationException("cluster not started");

    public async Task InitializeAsync() => _inbox = await InboxCluster.StartAsync(silos: 1, postgres: false, OfferTimeout);

    public async Task DisposeAsync()
    {
        if (_inbox is not null)
            await _inbox.DisposeAsync();
    }
}
