namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// One batch of an import, filled row by row and committed as <see cref="ICustomerMasterStore.UpsertAsync"/> would
/// commit the rows. The PostgreSQL store encodes each row as it is added, so an import holds no row objects between
/// parsing and commit (they would survive into the older GC generations, which then cost more than the import).
/// </summary>
public interface ICustomerMasterBatch : IDisposable
{
    /// <summary>Rows added so far.</summary>
    int Count { get; }

    void Add(CustomerMasterRecord row);

    /// <summary>Upserts the rows (a key added twice: the last row wins, the earlier counts as updated).</summary>
    Task<CustomerMasterUpsert> CommitAsync(CancellationToken cancellationToken = default);
}
