using System.Text;
using Kasse.Campaigns.Dwh;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Npgsql;
using static Kasse.Tests.Campaigns.Dwh.DwhSamples;

namespace Kasse.Tests.Campaigns.Dwh;

/// <summary>The master data in PostgreSQL: staged COPY + row-hash upsert, batched reads, keyset pages, the source table.</summary>
public sealed class PostgresCustomerMasterStoreTests
{
    private static async Task<string> DatabaseAsync() => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("dwh");

    [Fact]
    public async Task Re_importing_the_sample_writes_nothing_and_a_changed_row_is_updated_alone()
    {
        var connectionString = await DatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresCustomerMasterStore(dataSource, TimeProvider.System);
        var rejections = new PostgresDwhRejectionStore(dataSource);
        var text = await File.ReadAllTextAsync(SamplePath, Encoding.UTF8);
        var firstId = Guid.NewGuid();
        var changedId = Guid.NewGuid();

        var first = await ImportAsync(() => Open(text), store, rejections, firstId, batchSize: 300);
        var again = await ImportAsync(() => Open(text), store, rejections, Guid.NewGuid(), batchSize: 300);
        var changed = await ImportAsync(() => Open(text.Replace(";Jäger;07.04.1981;Am Mühlbach 73b;", ";Jäger;07.04.1981;Am Mühlbach 75;", StringComparison.Ordinal)),
            store, rejections, changedId, batchSize: 300);

        Assert.Equal((1000L, 0L, 0L, 0L), (first.Counts.Inserted, first.Counts.Updated, first.Counts.Unchanged, first.Counts.Rejected));
        Assert.Equal((0L, 0L, 1000L), (again.Counts.Inserted, again.Counts.Updated, again.Counts.Unchanged));
        Assert.Equal((0L, 1L, 999L), (changed.Counts.Inserted, changed.Counts.Updated, changed.Counts.Unchanged));
        // The unchanged rows kept the first import's id: they were never written again.
        Assert.Equal(999L, await StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM customer_master WHERE import_id = @id", ("id", firstId)));
        Assert.Equal(Pseudonyms.KeyOf("J109824313"), await StorageTestSilo.ScalarAsync<string>(connectionString,
            "SELECT customer_key FROM customer_master WHERE import_id = @id", ("id", changedId)));
        Assert.Equal("Am Mühlbach 75", (await store.GetAsync(Pseudonyms.KeyOf("J109824313")))!.Street);
        Assert.Equal(1000L, await store.CountAsync());
    }

    [Fact]
    public async Task Concurrent_reads_are_answered_exactly_and_pages_follow_the_key_order()
    {
        await using var dataSource = NpgsqlDataSource.Create(await DatabaseAsync());
        var store = new PostgresCustomerMasterStore(dataSource, TimeProvider.System);
        var memory = new InMemoryCustomerMasterStore();
        await ImportAsync(() => File.OpenRead(SamplePath), store, new InMemoryDwhRejectionStore(), Guid.NewGuid(), batchSize: 1000);
        await ImportAsync(() => File.OpenRead(SamplePath), memory, new InMemoryDwhRejectionStore(), Guid.NewGuid(), batchSize: 1000);
        var expected = await memory.ReadPageAsync(null, 2000);

        var read = await Task.WhenAll(expected.Select(r => store.GetAsync(r.CustomerKey)).Append(store.GetAsync("c-unknown")));
        var paged = new List<CustomerMasterRecord>();
        string? after = null;
        while (await store.ReadPageAsync(after, 170) is { Count: > 0 } page)
        {
            paged.AddRange(page);
            after = page[^1].CustomerKey;
        }

        Assert.Equal(expected, read.Take(expected.Count));
        Assert.Null(read[^1]);
        Assert.Equal(expected, paged);
    }

    [Fact]
    public async Task A_key_twice_in_one_batch_keeps_the_last_row()
    {
        await using var dataSource = NpgsqlDataSource.Create(await DatabaseAsync());
        var store = new PostgresCustomerMasterStore(dataSource, TimeProvider.System);
        var row = new CustomerMasterRecord(Pseudonyms.KeyOf("L155188225"), "L155188225", "Thomas", "Schulze", new DateOnly(2010, 1, 20),
            "Weg 1", "60311", "Frankfurt am Main", null, null, PreferredChannel.Post, false, false, null);

        var upsert = await store.UpsertAsync([row, row with { City = "Offenbach" }], Guid.NewGuid());

        Assert.Equal(new CustomerMasterUpsert(1, 1, 0), upsert);
        Assert.Equal("Offenbach", (await store.GetAsync(row.CustomerKey))!.City);
    }

    [Fact]
    public async Task The_source_table_is_read_with_copy_and_its_bad_rows_are_reported()
    {
        var connectionString = await DatabaseAsync();
        var source = PostgresServer.WithUser(connectionString, PostgresServer.OwnerRole);
        await using (var connection = new NpgsqlConnection(source))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                """
                CREATE SCHEMA dwh;
                CREATE TABLE dwh.versicherte (kvnr text, vorname text, nachname text, geburtsdatum date, strasse text, plz text, ort text,
                    telefon text, email text, bevorzugterkanal text, werbeeinwilligung boolean, bonusprogramm boolean, wahltarif text);
                INSERT INTO dwh.versicherte VALUES
                    ('L155188225', 'Thomas', 'Schulze', '2010-01-20', 'Königsallee 114b', '60311', 'Frankfurt am Main', NULL, 'thomas.0@example.org', 'SMS', false, true, 'Selbstbehalt'),
                    ('J109824313', 'Ursula', 'Jäger', '1981-04-07', 'Am Mühlbach 73b', '01067', 'Dresden', '+49 155 50788793', NULL, 'APP', true, false, NULL),
                    ('E381556242', 'Mia', 'Schäfer', '1985-08-18', 'Weg 1', '60311', 'Frankfurt am Main', NULL, NULL, 'BRIEF', NULL, false, NULL);
                """, connection);
            await create.ExecuteNonQueryAsync();
        }
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresCustomerMasterStore(dataSource, TimeProvider.System);
        var rejections = new PostgresDwhRejectionStore(dataSource);
        var importId = Guid.NewGuid();

        var total = await PostgresDwhSource.CountAsync(source, "dwh.versicherte");
        var counts = await DwhImport.RunAsync(PostgresDwhSource.ReadAsync(source, "dwh.versicherte", Pseudonyms, Today), store, rejections, importId,
            new DwhImportOptions { BatchSize = 2 });

        Assert.Equal(3L, total);
        Assert.Equal(new DwhImportCounts(3, 2, 0, 0, 1, 3), counts);
        // KVNR order: E…, J…, L…; the bad row is the first.
        Assert.Equal(
            [
                new DwhRejectedRow(1, "KVNR", Kasse.Kvnr.InvalidMessage),
                new DwhRejectedRow(1, "BevorzugterKanal", CustomerMasterValidation.BadChannel),
                new DwhRejectedRow(1, "Werbeeinwilligung", CustomerMasterValidation.Required),
            ],
            await rejections.ReadAsync(importId, 0, 10));
        var ursula = (await store.GetAsync(Pseudonyms.KeyOf("J109824313")))!;
        Assert.Equal(("Jäger", new DateOnly(1981, 4, 7), PreferredChannel.App, true, (string?)null),
            (ursula.FamilyName, ursula.BirthDate, ursula.PreferredChannel, ursula.AdvertisingConsent, ursula.Email));
    }

    [Fact]
    public async Task A_first_load_whose_extract_repeats_keys_ends_as_the_in_memory_store_does()
    {
        await using var dataSource = NpgsqlDataSource.Create(await DatabaseAsync());
        var store = new PostgresCustomerMasterStore(dataSource, TimeProvider.System);
        var memory = new InMemoryCustomerMasterStore();
        // Batches of 10: 0–9, 10–19, 20–28 with 27 twice (changed), 29–37 with 3 again (changed), 38, 39 with 5 again
        // (unchanged). The first load copies the clean batches straight in; the others meet keys already there.
        (int Number, string Street)[] rows =
        [
            .. Enumerable.Range(0, 28).Select(i => (i, "Weg 1")), (27, "Weg 3"), (28, "Weg 1"),
            .. Enumerable.Range(29, 9).Select(i => (i, "Weg 1")), (3, "Weg 2"),
            (38, "Weg 1"), (39, "Weg 1"), (5, "Weg 1"),
        ];
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (number, street) in rows)
            text.Append(KvnrOf(number)).Append(";Jörg;Weiß;01.02.1970;").Append(street).Append(";10117;Berlin;;;POST;ja;nein;\n");

        var stored = await ImportAsync(() => Open(text.ToString()), store, new InMemoryDwhRejectionStore(), Guid.NewGuid(), batchSize: 10);
        var expected = await ImportAsync(() => Open(text.ToString()), memory, new InMemoryDwhRejectionStore(), Guid.NewGuid(), batchSize: 10);

        Assert.Equal(new DwhImportCounts(43, 40, 2, 1, 0, 0), expected.Counts);
        Assert.Equal(expected.Counts, stored.Counts);
        Assert.Equal(await memory.ReadPageAsync(null, 100), await store.ReadPageAsync(null, 100));
        Assert.Equal("Weg 2", (await store.GetAsync(Pseudonyms.KeyOf(KvnrOf(3))))!.Street);
        Assert.Equal("Weg 3", (await store.GetAsync(Pseudonyms.KeyOf(KvnrOf(27))))!.Street);
    }

    [Fact]
    public async Task A_first_load_batch_larger_than_one_send_meeting_a_key_of_an_earlier_batch_is_upserted()
    {
        await using var dataSource = NpgsqlDataSource.Create(await DatabaseAsync());
        var store = new PostgresCustomerMasterStore(dataSource, TimeProvider.System);
        // Two batches of 3,000 rows (about 600 KB of COPY data each, sent in several pieces); the second repeats KVNR 0,
        // changed, so its COPY fails somewhere in the middle of the stream.
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (number, street) in Enumerable.Range(0, 5999).Select(i => (i, "Weg 1")).Append((0, "Weg 2")))
            text.Append(KvnrOf(number)).Append(";Jörg;Weiß;01.02.1970;").Append(street).Append(";10117;Berlin;+49 30 1234;joerg@example.org;EMAIL;ja;nein;Krankengeld\n");

        var stored = await ImportAsync(() => Open(text.ToString()), store, new InMemoryDwhRejectionStore(), Guid.NewGuid(), batchSize: 3000);

        Assert.Equal(new DwhImportCounts(6000, 5999, 1, 0, 0, 0), stored.Counts);
        Assert.Equal(5999L, await store.CountAsync());
        Assert.Equal("Weg 2", (await store.GetAsync(Pseudonyms.KeyOf(KvnrOf(0))))!.Street);
    }

    [Fact]
    public async Task Keys_page_in_ordinal_order_in_a_database_with_a_german_collation()
    {
        var connectionString = await (await PostgresServer.SharedAsync())
            .CreateDatabaseAsync("dwh", "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'de-DE'");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresCustomerMasterStore(dataSource, TimeProvider.System);
        var memory = new InMemoryCustomerMasterStore();
        var row = new CustomerMasterRecord("", "L155188225", "Thomas", "Schulze", new DateOnly(2010, 1, 20),
            "Weg 1", "60311", "Frankfurt am Main", null, null, PreferredChannel.Post, false, false, null);
        // German collation: a, Ä, B, z; ordinal (the in-memory store, and "C"): B, a, z, Ä.
        CustomerMasterRecord[] rows = [row with { CustomerKey = "c-a" }, row with { CustomerKey = "c-B" }, row with { CustomerKey = "c-z" }, row with { CustomerKey = "c-Ä" }];
        await store.UpsertAsync(rows, Guid.NewGuid());
        await memory.UpsertAsync(rows, Guid.NewGuid());

        var paged = new List<string>();
        string? after = null;
        while (await store.ReadPageAsync(after, 1) is [var next])
        {
            paged.Add(next.CustomerKey);
            after = next.CustomerKey;
        }

        Assert.Equal(["c-B", "c-a", "c-z", "c-Ä"], paged);
        Assert.Equal((await memory.ReadPageAsync(null, 10)).Select(r => r.CustomerKey), paged);
    }

    [Fact]
    public async Task A_source_table_name_that_is_not_a_plain_identifier_is_refused()
    {
        var connectionString = await DatabaseAsync();

        var refused = await Assert.ThrowsAsync<Kasse.Campaigns.CampaignException>(() =>
            PostgresDwhSource.CountAsync(connectionString, "versicherte; DROP TABLE customer_master"));

        Assert.Equal(Kasse.Campaigns.CampaignErrors.ImportInvalid, refused.Code);
    }
}
