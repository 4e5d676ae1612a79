using System.Text;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.EinmalPin.Import;

namespace Kasse.Tests.EinmalPin.Import;

/// <summary>Imports running at the same time in one process read their own files only (seen: one job counting another's rows).</summary>
public sealed class ConcurrentImportsTests
{
    [Fact]
    public async Task Two_imports_at_once_each_count_exactly_their_own_rows()
    {
        var large = new StringBuilder(PinImportSamples.Header).Append('\n');
        for (var i = 0; i < 20_000; i++)
            large.Append("L-").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
                .Append(";SEPA_MANDAT;E381556241;Jörg;Weiß;01.02.1970;\"Hauptstr. 1; Hinterhaus\";10117;Berlin;31.12.2026;;\n");
        var largeText = large.ToString();

        var largeRun = PinImportSamples.ImportAsync(
            () => PinImportSamples.Open(largeText), new InMemoryPinCaseStore(TimeProvider.System), new InMemoryPinImportErrorStore(), Guid.NewGuid(), 5_000);
        var small = Enumerable.Range(0, 40).Select(_ => Task.Run(() => PinImportSamples.ImportAsync(
            () => PinImportSamples.Open(PinImportSamples.BrokenFile), new InMemoryPinCaseStore(TimeProvider.System), new InMemoryPinImportErrorStore(), Guid.NewGuid())));
        var results = await Task.WhenAll(small);
        var largeResult = await largeRun;

        Assert.All(results, r => Assert.Equal((9L, 2L, 7L), (r.Counts.Rows, r.Counts.Imported, r.Counts.Rejected)));
        Assert.Equal((20_000L, 20_000L, 0L), (largeResult.Counts.Rows, largeResult.Counts.Imported, largeResult.Counts.Rejected));
    }
}
