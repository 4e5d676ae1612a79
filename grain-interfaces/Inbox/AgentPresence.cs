namespace Kasse.Inbox;

/// <summary>Whether an agent takes new work. Only <see cref="Available"/> agents get offers.</summary>
public enum AgentPresence
{
    Offline = 0,
    Available = 1,
    Busy = 2,
    Away = 3,
}
