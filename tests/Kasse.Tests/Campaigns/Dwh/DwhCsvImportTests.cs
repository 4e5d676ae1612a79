using System.Text;
using Kasse.Campaigns.Dwh;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.EinmalPin.Import;
using static Kasse.Tests.Campaigns.Dwh.DwhSamples;

namespace Kasse.Tests.Campaigns.Dwh;

/// <summary>The customer extract importer without grains: the sample, validation with exact rows and columns, encodings, re-imports.</summary>
public sealed class DwhCsvImportTests
{
    [Fact]
    public async Task The_sample_imports_all_1000_customers_keyed_by_pseudonym()
    {
        var store = new InMemoryCustomerMasterStore();

        var result = await ImportAsync(() => File.OpenRead(SamplePath), store, new InMemoryDwhRejectionStore(), Guid.NewGuid());

        Assert.Equal((1000L, 1000L, 0L, 0L, 0L), (result.Counts.Rows, result.Counts.Inserted, result.Counts.Updated, result.Counts.Unchanged, result.Counts.Rejected));
        Assert.Equal((PinTextEncoding.Utf8WithBom, new FileInfo(SamplePath).Length), (result.Encoding, result.BytesRead));
        Assert.Equal(1000L, await store.CountAsync());
        var first = await store.GetAsync(Pseudonyms.KeyOf("L155188225"));
        Assert.Equal(new CustomerMasterRecord(Pseudonyms.KeyOf("L155188225"), "L155188225", "Thomas", "Schulze", new DateOnly(2010, 1, 20),
            "Königsallee 114b", "60311", "Frankfurt am Main", "+49 169 53996497", "thomas.0@example.org", PreferredChannel.Sms, false, true,
            "Selbstbehalt"), first);
        Assert.Null((await store.GetAsync(Pseudonyms.KeyOf("J954934765")))!.Tariff);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_line_column_and_reason_and_the_good_rows_are_stored()
    {
        var store = new InMemoryCustomerMasterStore();
        var rejections = new InMemoryDwhRejectionStore();
        var importId = Guid.NewGuid();

        var result = await ImportAsync(() => Open(BrokenFile), store, rejections, importId, batchSize: 3);

        Assert.Equal((8L, 3L, 5L), (result.Counts.Rows, result.Counts.Inserted, result.Counts.Rejected));
        Assert.Equal(
            [
                new DwhRejectedRow(3, "KVNR", Kasse.Kvnr.InvalidMessage),
                new DwhRejectedRow(4, "Geburtsdatum", CustomerMasterValidation.BadDate),
                new DwhRejectedRow(4, "BevorzugterKanal", CustomerMasterValidation.BadChannel),
                new DwhRejectedRow(5, "Werbeeinwilligung", CustomerMasterValidation.BadYesNo),
                new DwhRejectedRow(6, "Nachname", CustomerMasterValidation.Required),
                new DwhRejectedRow(6, "PLZ", CustomerMasterValidation.BadPostalCode),
                new DwhRejectedRow(9, null, string.Format(System.Globalization.CultureInfo.InvariantCulture, DwhCsvReader.FieldCountMismatch, 12, 13)),
            ],
            await rejections.ReadAsync(importId, 0, 100));
        var multiLine = (await store.GetAsync(Pseudonyms.KeyOf("V388859676")))!;
        Assert.Equal(("Bahnhofstraße 21a; Hinterhaus\n2. Stock", PreferredChannel.Sms, false, true, (string?)null),
            (multiLine.Street, multiLine.PreferredChannel, multiLine.AdvertisingConsent, multiLine.BonusProgramme, multiLine.Tariff));
        var sparse = (await store.GetAsync(Pseudonyms.KeyOf("O014886184")))!;
        Assert.Equal(((string?)null, (string?)null, (string?)null), (sparse.Phone, sparse.Email, sparse.Tariff));
        Assert.Null(await store.GetAsync(Pseudonyms.KeyOf("L155188226")));
    }

    [Fact]
    public async Task A_windows_1252_file_imports_with_its_umlauts_intact()
    {
        var store = new InMemoryCustomerMasterStore();
        var file = string.Join("\n", Header,
            "J109824313;Ursula;Jäger;07.04.1981;Am Mühlbach 73b;01067;Dresden;;ursula@example.org;APP;ja;nein;Krankengeld", "");

        var result = await ImportAsync(() => Open(file, PinTextEncoding.Windows1252Encoding), store, new InMemoryDwhRejectionStore(), Guid.NewGuid());

        Assert.Equal((1L, 1L, PinTextEncoding.Windows1252), (result.Counts.Rows, result.Counts.Inserted, result.Encoding));
        var stored = (await store.GetAsync(Pseudonyms.KeyOf("J109824313")))!;
        Assert.Equal(("Jäger", "Am Mühlbach 73b"), (stored.FamilyName, stored.Street));
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_as_a_whole()
    {
        var file = "KVNR;Vorname;Nachname\nL155188225;Thomas;Schulze\n";

        var refused = await Assert.ThrowsAsync<Kasse.Campaigns.CampaignException>(() =>
            ImportAsync(() => Open(file), new InMemoryCustomerMasterStore(), new InMemoryDwhRejectionStore(), Guid.NewGuid()));

        Assert.Equal(Kasse.Campaigns.CampaignErrors.ImportInvalid, refused.Code);
        Assert.Contains("Geburtsdatum", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_importing_changes_nothing_and_a_changed_row_updates()
    {
        var store = new InMemoryCustomerMasterStore();
        var text = await File.ReadAllTextAsync(SamplePath, Encoding.UTF8);
        await ImportAsync(() => Open(text), store, new InMemoryDwhRejectionStore(), Guid.NewGuid());

        var again = await ImportAsync(() => Open(text), store, new InMemoryDwhRejectionStore(), Guid.NewGuid());
        var changed = await ImportAsync(() => Open(text.Replace(";Thomas;Schulze;20.01.2010;", ";Thomas;Schulze-Berg;20.01.2010;", StringComparison.Ordinal)),
            store, new InMemoryDwhRejectionStore(), Guid.NewGuid());

        Assert.Equal((0L, 0L, 1000L), (again.Counts.Inserted, again.Counts.Updated, again.Counts.Unchanged));
        Assert.Equal((0L, 1L, 999L), (changed.Counts.Inserted, changed.Counts.Updated, changed.Counts.Unchanged));
        Assert.Equal("Schulze-Berg", (await store.GetAsync(Pseudonyms.KeyOf("L155188225")))!.FamilyName);
    }

    [Fact]
    public async Task A_resumed_import_skips_the_committed_rows()
    {
        var store = new InMemoryCustomerMasterStore();
        var rejections = new InMemoryDwhRejectionStore();
        var importId = Guid.NewGuid();
        var resume = new DwhImportCounts(4, 1, 0, 0, 3, 4);

        var result = await DwhCsvImport.RunAsync(_ => Task.FromResult(Open(BrokenFile)), store, rejections, Pseudonyms, importId, Today,
            new DwhImportOptions { BatchSize = 3, Resume = resume });

        Assert.Equal(new DwhImportCounts(8, 3, 0, 0, 5, 7), result.Counts);
        Assert.Equal(2L, await store.CountAsync());
        Assert.Equal([6L, 6, 9], (await rejections.ReadAsync(importId, 0, 100)).Select(r => r.RowNumber));
    }
}
