using System.Reflection;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Tests.Chat;

/// <summary>The gateway's folders depend one way, and no writing hub method escapes the rate limit.</summary>
public sealed class GatewayStructureTests
{
    // The hub methods that only read (no write, no fan-out): everything else must draw from the connection's budget.
    private static readonly string[] ReadingMethods =
        ["Resume", "GetConversation", "ListConversations", "GetProfile", "GetServiceStatus", "GetQueuePosition",
         "GetDesk", "ListMyItems", "ListWaiting", "GetCustomerPanel", "ListCannedResponses", "ListNotes",
         "GetOverview", "GetWaitingItems",
         "ListFormDefinitions", "ListForms", "OpenForm", "GetFormState", "GetConsents", "GetCustomerConsents"];

    [Theory]
    [InlineData(typeof(CustomerHub))]
    [InlineData(typeof(AgentHub))]
    [InlineData(typeof(SupervisorHub))]
    public void Every_writing_hub_method_is_rate_limited(Type hub)
    {
        var methods = hub.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType != typeof(Hub) && m.DeclaringType != typeof(object) && !m.IsSpecialName)
            .Where(m => m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync) or nameof(IDisposable.Dispose)))
            .Select(m => m.Name)
            .ToHashSet();

        Assert.Empty(methods.Except(ReadingMethods).Except(SendRateLimitFilter.LimitedMethods));
    }

    [Fact]
    public void Limited_method_names_all_exist_on_a_hub()
    {
        foreach (var name in SendRateLimitFilter.LimitedMethods)
            Assert.True(typeof(CustomerHub).GetMethod(name) is not null || typeof(AgentHub).GetMethod(name) is not null, name);
    }

    [Theory]
    [InlineData("Realtime", "Kasse.Web.Hubs")]
    [InlineData("Apis", "Kasse.Web.Hubs")]
    public void A_gateway_folder_does_not_import_another(string folder, string forbidden)
    {
        var offenders = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "web", folder), "*.cs")
            .Where(file => File.ReadAllText(file).Contains(forbidden, StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToArray();
        Assert.Empty(offenders);
    }
}
