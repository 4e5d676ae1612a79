using System.Text;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.EinmalPin.Import;
using static Kasse.Tests.EinmalPin.Import.PinImportSamples;

namespace Kasse.Tests.EinmalPin.Import;

/// <summary>The print data stream importer without grains: encodings, validation with exact rows and columns, idempotency.</summary>
public sealed class PinCsvImportTests
{
    [Fact]
    public async Task The_utf8_sample_imports_all_300_cases()
    {
        var cases = new InMemoryPinCaseStore(TimeProvider.System);
        var importId = Guid.NewGuid();

        var result = await ImportAsync(() => File.OpenRead(PathOf(Utf8)), cases, new InMemoryPinImportErrorStore(), importId);

        Assert.Equal((300L, 300L, 0L, 0L), (result.Counts.Rows, result.Counts.Imported, result.Counts.Existing, result.Counts.Rejected));
        Assert.Equal(PinTextEncoding.Utf8WithBom, result.Encoding);
        Assert.Equal(new FileInfo(PathOf(Utf8)).Length, result.BytesRead);
        var first = (await cases.FindAsync("V2026000001"))!;
        Assert.Equal(new PinCaseData("V2026000001", PinCaseType.SepaMandat, "E381556241", "Mia", "Schäfer", new DateOnly(1985, 8, 18),
            "Große Elbstraße 45a", "60311", "Frankfurt am Main", new DateOnly(2026, 12, 30), "DE58284058289561153339"), first.Data);
        Assert.Equal(importId, first.ImportId);
        Assert.Equal(300, (await cases.ReadImportAsync(importId, null, 1000)).Count);
    }

    [Fact]
    public async Task The_windows_1252_sample_imports_with_its_umlauts_intact()
    {
        var cases = new InMemoryPinCaseStore(TimeProvider.System);
        var importId = Guid.NewGuid();

        var result = await ImportAsync(() => File.OpenRead(PathOf(Windows1252)), cases, new InMemoryPinImportErrorStore(), importId);

        Assert.Equal((300L, 300L, 0L), (result.Counts.Rows, result.Counts.Imported, result.Counts.Rejected));
        Assert.Equal(PinTextEncoding.Windows1252, result.Encoding);
        // The names as Windows-1252 spells them, read independently (the name columns are never quoted).
        var expected = File.ReadAllLines(PathOf(Windows1252), PinTextEncoding.Windows1252Encoding).Skip(1)
            .Select(line => line.Split(';'))
            .Select(f => (f[0], f[3], f[4], f[8]))
            .ToList();
        var actual = (await cases.ReadImportAsync(importId, null, 1000))
            .Select(c => (c.Data.CaseNumber, c.Data.FirstName, c.Data.LastName, c.Data.City))
            .ToList();
        Assert.Equal(expected, actual);
        Assert.Contains(actual, c => c.LastName.Contains('ü', StringComparison.Ordinal) || c.LastName.Contains('ö', StringComparison.Ordinal));
        Assert.DoesNotContain(actual, c => $"{c.FirstName}{c.LastName}{c.City}".Contains('\uFFFD', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Utf8_without_a_byte_order_mark_is_read_as_utf8()
    {
        var cases = new InMemoryPinCaseStore(TimeProvider.System);

        var result = await ImportAsync(() => Open(BrokenFile), cases, new InMemoryPinImportErrorStore(), Guid.NewGuid());

        Assert.Equal(PinTextEncoding.Utf8, result.Encoding);
        Assert.Equal("Königsallee 114b", (await cases.FindAsync("B-1"))!.Data.Street);
        Assert.Equal("Kai-Uwe", (await cases.FindAsync("B-6"))!.Data.FirstName);
    }

    [Fact]
    public async Task Broken_rows_are_reported_with_their_line_column_and_reason_and_the_good_rows_are_imported()
    {
        var cases = new InMemoryPinCaseStore(TimeProvider.System);
        var errors = new InMemoryPinImportErrorStore();
        var importId = Guid.NewGuid();

        var result = await ImportAsync(() => Open(BrokenFile), cases, errors, importId);

        Assert.Equal((9L, 2L, 0L, 7L), (result.Counts.Rows, result.Counts.Imported, result.Counts.Existing, result.Counts.Rejected));
        Assert.Equal(
            [
                new PinImportRowError(3, "KVNR", Kvnr.InvalidMessage),
                new PinImportRowError(4, "Geburtsdatum", PinCaseValidation.BadDate),
                new PinImportRowError(5, "Vorgangsart", PinCaseValidation.BadCaseType),
                new PinImportRowError(6, "Nachname", PinCaseValidation.Required),
                new PinImportRowError(9, "Frist", PinCaseValidation.BadDate),
                new PinImportRowError(10, null, "Die Zeile hat 11 Felder, erwartet werden 12."),
                new PinImportRowError(11, "Vorbelegung_IBAN", Iban.InvalidMessage),
            ],
            await errors.ReadAsync(importId, 0, 100));
        Assert.NotNull(await cases.FindAsync("B-1"));
        Assert.Equal("Hauptstr. 138a; Hinterhaus\n2. Stock", (await cases.FindAsync("B-6"))!.Data.Street);
        Assert.Equal("59062457311", (await cases.FindAsync("B-6"))!.Data.PrefillSteuerId);
        Assert.Null(await cases.FindAsync("B-2"));
    }

    [Fact]
    public async Task Importing_the_same_file_again_creates_nothing()
    {
        var cases = new InMemoryPinCaseStore(TimeProvider.System);
        var firstId = Guid.NewGuid();
        await ImportAsync(() => File.OpenRead(PathOf(Utf8)), cases, new InMemoryPinImportErrorStore(), firstId);

        var again = await ImportAsync(() => File.OpenRead(PathOf(Utf8)), cases, new InMemoryPinImportErrorStore(), Guid.NewGuid());

        Assert.Equal((300L, 0L, 300L, 0L), (again.Counts.Rows, again.Counts.Imported, again.Counts.Existing, again.Counts.Rejected));
        Assert.Equal(firstId, (await cases.FindAsync("V2026000000"))!.ImportId);
    }

    [Fact]
    public async Task A_file_without_the_expected_header_is_refused_as_a_whole()
    {
        var text = "Vorgangsnummer,Vorgangsart,KVNR\nV1,STEUER_ID,L155188225\n";

        var refusal = await Assert.ThrowsAsync<PinException>(() =>
            ImportAsync(() => new MemoryStream(Encoding.UTF8.GetBytes(text)), new InMemoryPinCaseStore(TimeProvider.System),
                new InMemoryPinImportErrorStore(), Guid.NewGuid()));

        Assert.Equal(PinErrors.ImportInvalid, refusal.Code);
    }

    [Fact]
    public async Task A_resumed_import_skips_the_committed_rows_and_ends_with_the_same_counts()
    {
        var cases = new InMemoryPinCaseStore(TimeProvider.System);
        var errors = new InMemoryPinImportErrorStore();
        var importId = Guid.NewGuid();
        PinImportCounts? afterFirstBatch = null;
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PinCsvImport.RunAsync(
            _ => Task.FromResult<Stream>(Open(BrokenFile)), cases, errors, importId,
            new PinCsvImportOptions
            {
                BatchSize = 4,
                Today = Today,
                BatchCommitted = async (progress, token) =>
                {
                    afterFirstBatch = progress.Counts;
                    await stop.CancelAsync();
                    token.ThrowIfCancellationRequested();
                },
            },
            stop.Token));

        var resumed = await PinCsvImport.RunAsync(_ => Task.FromResult<Stream>(Open(BrokenFile)), cases, errors, importId,
            new PinCsvImportOptions { BatchSize = 4, Today = Today, Resume = afterFirstBatch! });

        Assert.Equal(4L, afterFirstBatch!.Rows);
        Assert.Equal((9L, 2L, 0L, 7L), (resumed.Counts.Rows, resumed.Counts.Imported, resumed.Counts.Existing, resumed.Counts.Rejected));
        Assert.Equal(7, (await errors.ReadAsync(importId, 0, 100)).Count);
    }
}
