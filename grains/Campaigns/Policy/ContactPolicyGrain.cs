using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// The contact policy (key 0): the single writer of <c>contact_policy_versions</c>. On first activation of a new
/// installation it publishes <see cref="DefaultContactPolicy.Document"/> as version 1. The silos read the active version
/// through <see cref="ContactPolicyCache"/>, so no customer decision waits for this grain.
/// </summary>
public sealed class ContactPolicyGrain(IContactPolicyStore store, TimeProvider clock) : Grain, IContactPolicyGrain
{
    public const string SystemPublisher = "system";
    private List<ContactPolicyVersion> _versions = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _versions = [.. await store.ReadAllAsync()];
        if (_versions.Count == 0)
        {
            // Two activations racing here both try version 1; the store keeps one, and both read it back.
            await store.AppendAsync(new ContactPolicyVersion(1, DefaultContactPolicy.Document, clock.GetUtcNow(), SystemPublisher));
            _versions = [.. await store.ReadAllAsync()];
        }
    }

    public Task<ContactPolicyVersion> GetActive() => Task.FromResult(_versions[^1]);

    public async Task<ContactPolicyVersion> Publish(ContactPolicyDocument document, string by)
    {
        ContactPolicyValidator.EnsureValid(document);
        if (by is not { Length: > 0 and <= 200 })
            throw new CampaignException(CampaignErrors.PolicyInvalid, "The publisher (a user id) must have 1 to 200 characters.");
        // A retried publication of the active document is answered with its version, not a second copy.
        if (ContactPolicyJson.Serialize(document) == ContactPolicyJson.Serialize(_versions[^1].Document))
            return _versions[^1];
        var version = new ContactPolicyVersion(_versions[^1].Version + 1, document, clock.GetUtcNow(), by);
        if (!await store.AppendAsync(version))
        {
            // Another activation published meanwhile (only around a silo failure): take its versions, let the caller retry.
            _versions = [.. await store.ReadAllAsync()];
            throw new InvalidOperationException("Another version was published at the same moment; reload and publish again.");
        }
        _versions.Add(version);
        return version;
    }

    public Task<IReadOnlyList<ContactPolicyVersion>> ListVersions() =>
        Task.FromResult<IReadOnlyList<ContactPolicyVersion>>([.. Enumerable.Reverse(_versions)]);
}
