namespace Kasse.Web.Realtime;

/// <summary>
/// Marks a hub whose connections get the agent's desk (client event <c>desk</c>): the agent hub. A portal connection of
/// the same user never does. A marker, so the push path needs no knowledge of the hubs themselves.
/// </summary>
public interface IReceivesAgentDesk;
