using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// This silo's active contact policy, kept current by <see cref="ContactPolicyWatcher"/> (a new version is seen within
/// about a second). Until the first refresh it holds <c>initial</c>.
/// </summary>
public sealed class ContactPolicyCache(ContactPolicyVersion initial) : IActiveContactPolicy
{
    private ContactPolicyVersion _current = initial;

    public ContactPolicyVersion Current => Volatile.Read(ref _current);

    /// <summary>Takes <paramref name="version"/> when it is newer than the one held (a late answer never goes back).</summary>
    public void Offer(ContactPolicyVersion version)
    {
        var held = Volatile.Read(ref _current);
        while (version.Version > held.Version || (version.Version == held.Version && version != held))
        {
            var seen = Interlocked.CompareExchange(ref _current, version, held);
            if (ReferenceEquals(seen, held))
                return;
            held = seen;
        }
    }
}
