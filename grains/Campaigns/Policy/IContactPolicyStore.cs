using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>The published contact policy versions (<c>contact_policy_versions</c>, append-only); written only by the policy grain.</summary>
public interface IContactPolicyStore
{
    /// <summary>Every version, oldest first.</summary>
    Task<IReadOnlyList<ContactPolicyVersion>> ReadAllAsync();

    /// <summary>Stores a new version; false when that version number is taken already.</summary>
    Task<bool> AppendAsync(ContactPolicyVersion version);
}
