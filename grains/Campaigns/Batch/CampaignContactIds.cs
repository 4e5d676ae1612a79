using System.Security.Cryptography;
using System.Text;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>The idempotency keys of campaign contacts: a replayed page or trigger reserves nothing twice.</summary>
public static class CampaignContactIds
{
    /// <summary>A batch run's contact: <c>{campaignId}:{runId:N}:{customerKey}</c> (the contract with the customer grain).</summary>
    public static string Batch(string campaignId, Guid runId, string customerKey) => $"{campaignId}:{runId:N}:{customerKey}";

    /// <summary>A triggered contact: one per campaign, customer and journey event.</summary>
    public static string Triggered(string campaignId, string customerKey, long seq) => $"{campaignId}:t:{customerKey}:{seq}";

    /// <summary>The run that holds a triggered campaign's contacts of one day (Europe/Berlin): the same id on every silo.</summary>
    public static Guid TriggerRun(string campaignId, DateOnly day)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"trigger-run\u001f{campaignId}\u001f{day:yyyy-MM-dd}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
