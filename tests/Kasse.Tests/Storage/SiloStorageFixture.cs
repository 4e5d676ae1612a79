namespace Kasse.Tests.Storage;

/// <summary>One real silo with the three ADO.NET providers, shared by the tests of one class.</summary>
public sealed class SiloStorageFixture : IAsyncLifetime
{
    private StorageTestSilo? _silo;

    public StorageTestSilo Silo => _silo ?? throw new InvalidOperationException("silo not started");

    public async Task InitializeAsync()
    {
        var connectionString = await StorageTestSilo.CreateMigratedDatabaseAsync();
        _silo = await StorageTestSilo.StartAsync(connectionString, $"cluster-{Guid.NewGuid():N}", $"service-{Guid.NewGuid():N}");
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
            await _silo.DisposeAsync();
    }
}
