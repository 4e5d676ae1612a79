using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Kasse.Tests.Storage;

/// <summary>
/// The silo's own ADO.NET grain storage providers (resolved by name from the running silo) against our schema:
/// every key shape the provider maps, the etag (Version) check and both clear modes.
/// </summary>
public sealed class AdoNetGrainStorageTests(SiloStorageFixture fixture) : IClassFixture<SiloStorageFixture>
{
    private const string GrainTypeName = "Kasse.Tests.Storage.ProbeGrain";

    public static TheoryData<string> KeyShapes => ["integer", "integer+extension", "guid", "guid+extension", "string"];

    private StorageTestSilo Silo => fixture.Silo;

    [Theory]
    [MemberData(nameof(KeyShapes))]
    public async Task Written_state_reads_back_into_a_fresh_state_object(string keyShape)
    {
        var storage = Storage();
        var grainId = NewGrainId(keyShape);
        var written = new GrainState<List<string>>(["Beitrag", "Ärzte €"]);

        await storage.WriteStateAsync(GrainTypeName, grainId, written);
        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync(GrainTypeName, grainId, read);

        Assert.True(read.RecordExists);
        Assert.Equal(["Beitrag", "Ärzte €"], read.State);
        Assert.Equal("1", read.ETag);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task Never_written_state_reads_as_missing_without_etag()
    {
        var read = new GrainState<List<string>>();

        await Storage().ReadStateAsync(GrainTypeName, NewGrainId("string"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Empty(read.State ?? throw new InvalidOperationException("state not instantiated"));
    }

    [Fact]
    public async Task Every_write_advances_the_etag()
    {
        var storage = Storage();
        var grainId = NewGrainId("integer");
        var state = new GrainState<List<string>>(["a"]);

        await storage.WriteStateAsync(GrainTypeName, grainId, state);
        var first = state.ETag;
        state.State = ["a", "b"];
        await storage.WriteStateAsync(GrainTypeName, grainId, state);

        Assert.Equal("1", first);
        Assert.Equal("2", state.ETag);
        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync(GrainTypeName, grainId, read);
        Assert.Equal(["a", "b"], read.State);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_throws_InconsistentStateException_and_keeps_the_newer_state()
    {
        var storage = Storage();
        var grainId = NewGrainId("guid");
        var activationA = new GrainState<List<string>>(["v1"]);
        await storage.WriteStateAsync(GrainTypeName, grainId, activationA);
        var activationB = new GrainState<List<string>>();
        await storage.ReadStateAsync(GrainTypeName, grainId, activationB);
        activationA.State = ["from A"];
        await storage.WriteStateAsync(GrainTypeName, grainId, activationA);

        activationB.State = ["from B"];
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainTypeName, grainId, activationB));

        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync(GrainTypeName, grainId, read);
        Assert.Equal(["from A"], read.State);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task First_write_without_etag_over_existing_state_throws_InconsistentStateException()
    {
        var storage = Storage();
        var grainId = NewGrainId("string");
        await storage.WriteStateAsync(GrainTypeName, grainId, new GrainState<List<string>>(["first"]));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(GrainTypeName, grainId, new GrainState<List<string>>(["second"])));
    }

    [Fact]
    public async Task Concurrent_first_writes_let_exactly_one_succeed()
    {
        var storage = Storage();
        var extension = "ext-" + Guid.NewGuid();
        var grainId = GrainId.Create(GrainType.Create("kassetest"), GrainIdKeyExtensions.CreateIntegerKey(7, extension));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await storage.WriteStateAsync(GrainTypeName, grainId, new GrainState<List<string>>([$"writer {i}"]));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, o => o);
        Assert.Equal(1L, await CountRowsAsync(extension));
    }

    [Fact]
    public async Task Concurrent_writes_on_one_etag_let_exactly_one_succeed()
    {
        var storage = Storage();
        var grainId = NewGrainId("guid+extension");
        var seed = new GrainState<List<string>>(["seed"]);
        await storage.WriteStateAsync(GrainTypeName, grainId, seed);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await storage.WriteStateAsync(GrainTypeName, grainId, new GrainState<List<string>>([$"writer {i}"], seed.ETag));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, o => o);
        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync(GrainTypeName, grainId, read);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Clear_empties_the_state_with_a_new_etag_and_refuses_the_old_one()
    {
        var storage = Storage();
        var grainId = NewGrainId("integer");
        var state = new GrainState<List<string>>(["x"]);
        await storage.WriteStateAsync(GrainTypeName, grainId, state);
        var staleEtag = state.ETag;

        await storage.ClearStateAsync(GrainTypeName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.Equal("2", state.ETag);
        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync(GrainTypeName, grainId, read);
        Assert.False(read.RecordExists);
        Assert.Empty(read.State ?? throw new InvalidOperationException("state not instantiated"));
        Assert.Equal("2", read.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(GrainTypeName, grainId, new GrainState<List<string>>(["stale"], staleEtag)));
        read.State = ["after clear"];
        await storage.WriteStateAsync(GrainTypeName, grainId, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_throws_InconsistentStateException()
    {
        var storage = Storage();
        var grainId = NewGrainId("guid");
        var state = new GrainState<List<string>>(["x"]);
        await storage.WriteStateAsync(GrainTypeName, grainId, state);
        var stale = new GrainState<List<string>>(["x"], state.ETag) { RecordExists = true };
        await storage.WriteStateAsync(GrainTypeName, grainId, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainTypeName, grainId, stale));

        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync(GrainTypeName, grainId, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Clear_with_delete_on_clear_removes_the_row_and_allows_a_new_first_write()
    {
        var storage = Silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageTestSilo.DeleteOnClearStorageName);
        var key = "A" + Guid.NewGuid().ToString("N");
        var grainId = GrainId.Create(GrainType.Create("kassetest"), key);
        var state = new GrainState<List<string>>(["x"]);
        await storage.WriteStateAsync(GrainTypeName, grainId, state);
        Assert.Equal(1L, await CountRowsAsync(key));

        await storage.ClearStateAsync(GrainTypeName, grainId, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0L, await CountRowsAsync(key));
        await storage.WriteStateAsync(GrainTypeName, grainId, new GrainState<List<string>>(["again"]));
        var read = new GrainState<List<string>>();
        await storage.ReadStateAsync(GrainTypeName, grainId, read);
        Assert.Equal(["again"], read.State);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task Same_key_under_another_grain_type_or_extension_is_another_state()
    {
        var storage = Storage();
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        var plain = GrainId.Create(GrainType.Create("kassetest"), GrainIdKeyExtensions.CreateIntegerKey(key));
        var extended = GrainId.Create(GrainType.Create("kassetest"), GrainIdKeyExtensions.CreateIntegerKey(key, "ext"));
        await storage.WriteStateAsync(GrainTypeName, plain, new GrainState<List<string>>(["plain"]));
        await storage.WriteStateAsync(GrainTypeName, extended, new GrainState<List<string>>(["extended"]));
        await storage.WriteStateAsync(GrainTypeName + "2", plain, new GrainState<List<string>>(["other type"]));

        Assert.Equal(["plain"], await ReadAsync(GrainTypeName, plain));
        Assert.Equal(["extended"], await ReadAsync(GrainTypeName, extended));
        Assert.Equal(["other type"], await ReadAsync(GrainTypeName + "2", plain));
        Assert.Equal(1L, await StorageTestSilo.ScalarAsync<long>(Silo.ConnectionString,
            "SELECT count(*) FROM orleans_grain_state WHERE grain_id_n1 = @key AND grain_key_ext IS NULL AND grain_type = @type",
            ("key", key), ("type", GrainTypeName)));
    }

    [Fact]
    public async Task No_grain_storage_query_failed_in_the_database()
    {
        await Written_state_reads_back_into_a_fresh_state_object("string");

        Assert.Empty(Silo.DatabaseErrors.Entries);
    }

    private IGrainStorage Storage() => Silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageTestSilo.StorageName);

    private async Task<List<string>> ReadAsync(string grainType, GrainId grainId)
    {
        var state = new GrainState<List<string>>();
        await Storage().ReadStateAsync(grainType, grainId, state);
        return state.State ?? throw new InvalidOperationException("state not instantiated");
    }

    /// <summary>Rows whose string key or key extension is <paramref name="keyText"/>.</summary>
    private Task<long> CountRowsAsync(string keyText) => StorageTestSilo.ScalarAsync<long>(Silo.ConnectionString,
        "SELECT count(*) FROM orleans_grain_state WHERE grain_key_ext = @key", ("key", keyText));

    private static GrainId NewGrainId(string keyShape)
    {
        var type = GrainType.Create("kassetest");
        return keyShape switch
        {
            "integer" => GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64(long.MinValue, long.MaxValue))),
            "integer+extension" => GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64(), "ext-" + Guid.NewGuid())),
            "guid" => GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid())),
            "guid+extension" => GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "ext-" + Guid.NewGuid())),
            "string" => GrainId.Create(type, "A" + Guid.NewGuid().ToString("N")),
            _ => throw new ArgumentOutOfRangeException(nameof(keyShape)),
        };
    }
}
