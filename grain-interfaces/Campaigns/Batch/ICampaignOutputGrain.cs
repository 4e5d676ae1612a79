namespace Kasse.Campaigns;

/// <summary>One page of a run's output file for a channel; <see cref="Next"/> is the key to go on after (null: the end).</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.CampaignOutputPage")]
public sealed record CampaignOutputPage([property: Id(0)] string Text, [property: Id(1)] int Rows, [property: Id(2)] string? Next);

/// <summary>Reads a campaign's outputs (key: campaign id) page by page, joined with the master data; for the integrator API.</summary>
[Alias("Kasse.Campaigns.ICampaignOutputGrain")]
public interface ICampaignOutputGrain : IGrainWithStringKey
{
    /// <summary>A page of the CSV (the header with the first page, <paramref name="after"/> null).</summary>
    [Alias("ReadCsvPage")]
    Task<CampaignOutputPage> ReadCsvPage(Guid runId, ContactChannel channel, string? after, int max);
}

/// <summary>The output files of a run: one per campaign channel, named by a short German slug.</summary>
public static class CampaignOutputFiles
{
    public static string? SlugOf(ContactChannel channel) => channel switch
    {
        ContactChannel.Letter => "brief",
        ContactChannel.Email => "email",
        ContactChannel.AppPush => "app",
        ContactChannel.Phone => "anrufe",
        ContactChannel.Sms => "sms",
        _ => null,
    };

    public static ContactChannel? ChannelOf(string slug) => slug switch
    {
        "brief" => ContactChannel.Letter,
        "email" => ContactChannel.Email,
        "app" => ContactChannel.AppPush,
        "anrufe" => ContactChannel.Phone,
        "sms" => ContactChannel.Sms,
        _ => null,
    };

    public static string FileName(string campaignId, Guid runId, ContactChannel channel) => $"kampagne-{campaignId}-{runId:N}-{SlugOf(channel)}.csv";
}
