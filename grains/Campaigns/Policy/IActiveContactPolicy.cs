using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>
/// The active contact policy on this silo, kept fresh from <see cref="IContactPolicyGrain"/> (a new version is seen
/// within about a second), so a customer grain decides without a call to the policy grain.
/// </summary>
public interface IActiveContactPolicy
{
    ContactPolicyVersion Current { get; }
}
