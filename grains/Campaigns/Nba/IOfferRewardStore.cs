using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The learner's evidence (<c>nba_rewards</c>, append-only): per decision at most one trial and one success row, so a
/// repeated or late outcome never counts twice. The learner grain loads the counts on activation.
/// </summary>
public interface IOfferRewardStore
{
    Task<(long Trials, long Successes)> CountAsync(string offerId, ContactChannel channel);

    /// <summary>Records the trial (and the success); says which of the two were new.</summary>
    Task<(bool NewTrial, bool NewSuccess)> RecordAsync(Guid decisionId, string offerId, ContactChannel channel, bool success, DateTimeOffset at);
}
