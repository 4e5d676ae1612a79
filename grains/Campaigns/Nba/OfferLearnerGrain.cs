using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Orleans.Concurrency;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The propensity of one offer on one channel (key <c>{offerId}|{channel}</c>). Its only state is two counters,
/// loaded from <see cref="IOfferRewardStore"/> on activation: the store is the truth, so the grain needs no storage.
/// A decision is a trial at its first outcome (any kind) and a success at its first click or accept.
/// </summary>
/// <remarks>
/// Reentrant: every outcome of the offer on the channel comes here, and each waits for the store (a round trip to
/// PostgreSQL); one at a time, the learner would cap the outcomes per second. The store says which counts are new
/// (idempotent per decision), and the counters only add, so interleaved rewards count exactly.
/// </remarks>
[Reentrant]
public sealed class OfferLearnerGrain(IOfferRewardStore rewards, TimeProvider clock) : Grain, IOfferLearnerGrain
{
    private string _offerId = "";
    private ContactChannel _channel;
    private long _trials;
    private long _successes;

    public static string KeyOf(string offerId, ContactChannel channel) => $"{offerId}|{channel}";

    public static bool IsSuccess(ContactOutcome outcome) => outcome is ContactOutcome.Click or ContactOutcome.Accept;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var bar = key.LastIndexOf('|');
        _offerId = key[..bar];
        _channel = Enum.Parse<ContactChannel>(key[(bar + 1)..]);
        (_trials, _successes) = await rewards.CountAsync(_offerId, _channel);
    }

    public Task<OfferPosterior> GetPosterior() => Task.FromResult(Posterior());

    public async Task<OfferPosterior> Reward(Guid decisionId, ContactOutcome outcome)
    {
        var (newTrial, newSuccess) = await rewards.RecordAsync(decisionId, _offerId, _channel, IsSuccess(outcome), clock.GetUtcNow());
        if (newTrial)
            _trials++;
        if (newSuccess)
            _successes++;
        return Posterior();
    }

    private OfferPosterior Posterior() => new(_offerId, _channel, _trials, _successes);
}
