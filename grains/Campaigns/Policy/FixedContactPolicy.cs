using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>A policy that never changes: the default until the policy grain's silo cache replaces it (h13-policy).</summary>
public sealed class FixedContactPolicy(ContactPolicyVersion current) : IActiveContactPolicy
{
    public ContactPolicyVersion Current { get; } = current;
}
