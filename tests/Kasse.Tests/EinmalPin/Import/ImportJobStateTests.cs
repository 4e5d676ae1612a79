using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.EinmalPin.Import;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Kasse.Tests.EinmalPin.Import;

/// <summary>
/// A job state read back from storage keeps its counters to itself. Reading one used to fill the counters object the
/// new state started with — the one shared zero of the whole process — so every later import in that process started
/// from the resumed job's counts and skipped its rows (seen as one host's imports showing another host's counts).
/// </summary>
public sealed class ImportJobStateTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(PinImportJobState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void Reading_a_stored_pin_import_state_leaves_the_zero_counters_of_new_imports_at_zero()
    {
        var stored = Serializer.SerializeToArray(new PinImportJobState { Counts = new PinImportCounts(10_000, 9_999, 0, 1, 1) });

        var read = Serializer.Deserialize<PinImportJobState>(stored)!;

        Assert.Equal(new PinImportCounts(10_000, 9_999, 0, 1, 1), read.Counts);
        Assert.Equal(new PinImportCounts(0, 0, 0, 0, 0), PinImportCounts.Zero);
        Assert.Equal(new PinImportCounts(0, 0, 0, 0, 0), new PinCsvImportOptions().Resume);
        Assert.Equal(new PinImportCounts(0, 0, 0, 0, 0), new PinImportJobState().Counts);
    }

    [Fact]
    public void Reading_a_stored_dwh_import_state_leaves_the_zero_counters_of_new_imports_at_zero()
    {
        var stored = Serializer.SerializeToArray(new DwhImportJobState { Counts = new DwhImportCounts(10_000, 9_999, 0, 0, 1, 1) });

        var read = Serializer.Deserialize<DwhImportJobState>(stored)!;

        Assert.Equal(new DwhImportCounts(10_000, 9_999, 0, 0, 1, 1), read.Counts);
        Assert.Equal(new DwhImportCounts(0, 0, 0, 0, 0, 0), DwhImportCounts.Zero);
        Assert.Equal(new DwhImportCounts(0, 0, 0, 0, 0, 0), new DwhImportOptions().Resume);
        Assert.Equal(new DwhImportCounts(0, 0, 0, 0, 0, 0), new DwhImportJobState().Counts);
    }
}
