using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Policy;

/// <summary>The policy versions in memory (embedded default and tests without PostgreSQL).</summary>
public sealed class InMemoryContactPolicyStore : IContactPolicyStore
{
    private readonly List<ContactPolicyVersion> _versions = [];
    private readonly Lock _lock = new();

    public Task<IReadOnlyList<ContactPolicyVersion>> ReadAllAsync()
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<ContactPolicyVersion>>([.. _versions]);
    }

    public Task<bool> AppendAsync(ContactPolicyVersion version)
    {
        lock (_lock)
        {
            if (_versions.Any(v => v.Version == version.Version))
                return Task.FromResult(false);
            _versions.Add(version);
            return Task.FromResult(true);
        }
    }
}
