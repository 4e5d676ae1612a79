using Kasse.Web.Realtime;

namespace Kasse.Tests.Chat;

public sealed class UserConnectionsTests
{
    [Fact]
    public void A_user_has_the_connections_added_and_not_yet_removed()
    {
        var connections = new NoSendConnections();
        connections.Add("A123456780", "c1");
        connections.Add("A123456780", "c2");
        connections.Add("agent-mueller", "c3");

        connections.Remove("A123456780", "c1");
        connections.Remove("A123456780", "unknown");
        connections.Remove("nobody", "c3");

        Assert.Equal(["c2"], Ids(connections.Of("A123456780")));
        Assert.Equal(["c3"], Ids(connections.Of("agent-mueller")));
        connections.Remove("A123456780", "c2");
        Assert.Empty(Ids(connections.Of("A123456780")));
        Assert.Equal(1, connections.UserCount);
    }

    [Fact]
    public async Task Concurrent_connects_and_disconnects_of_one_user_lose_none()
    {
        var connections = new NoSendConnections();
        var ids = Enumerable.Range(0, 2000).Select(i => $"c{i}").ToArray();

        // Every id is added; every odd one is removed again right after, all from many threads at once.
        await Parallel.ForEachAsync(ids, async (id, _) =>
        {
            await Task.Yield();
            connections.Add("A123456780", id);
            if (int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1)
                connections.Remove("A123456780", id);
        });

        Assert.Equal(ids.Where((_, i) => i % 2 == 0).Order(), Ids(connections.Of("A123456780")).Order());
    }

    private static string[] Ids(IReadOnlyList<ClientConnection> connections) => [.. connections.Select(c => c.Id)];

    private sealed class NoSendConnections : UserConnections
    {
        public override Task SendAsync(string connectionId, string method, object payload) => throw new NotSupportedException();
    }
}
