namespace Kasse.Grains.Inbox;

/// <summary>The stored state of a customer's service record.</summary>
[GenerateSerializer, Alias("Kasse.Grains.Inbox.CustomerServiceRecordState")]
public sealed class CustomerServiceRecordState
{
    [Id(0)] public string? LastAgentId { get; set; }
    [Id(1)] public string? LastItemId { get; set; }
    [Id(2)] public DateTimeOffset At { get; set; }
}
