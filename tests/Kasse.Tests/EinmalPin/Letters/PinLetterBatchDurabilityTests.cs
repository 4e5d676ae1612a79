using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>
/// A letter batch whose host stops mid-batch (some pages' secrets stored, the print output unfinished) completes on the
/// next host: every case gets exactly one letter, and each printed PIN and link is the case's one valid issue.
/// </summary>
public sealed class PinLetterBatchDurabilityTests
{
    // Four pages of 256: the host stops after the first page is stored, long before the last.
    private const int Cases = 1_000;

    [Fact]
    public async Task A_batch_interrupted_by_a_host_stop_resumes_on_the_next_host_without_a_second_valid_pin_or_a_lost_letter()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("pinletterstop");
        var cases = new ListPinCaseStore();
        var prefix = $"D{Guid.NewGuid():N}"[..9];
        var numbers = Enumerable.Range(0, Cases).Select(i => $"{prefix}{i:D5}").ToList();
        await cases.AddAsync(numbers.Select(n => ListPinCaseStore.Case(n)).ToList(), importId: null);
        var batchId = $"batch-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string> { ["Orleans:ClusterId"] = $"letterstop-{Guid.NewGuid():N}" };
        long issuedAtStop;
        await using (var first = await LetterHostFixture.StartAsync(connectionString, cases, new Dictionary<string, string>(settings)))
        {
            var batch = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IPinLetterBatchGrain>(batchId);
            await batch.StartForCases(numbers, reissue: false, "integrator-kernsystem");
            await Eventually.ReturnsAsync(
                () => IssuedAsync(connectionString, batchId), n => n >= 256, TimeSpan.FromSeconds(60), "the first page's secrets stored");
        }
        issuedAtStop = await IssuedAsync(connectionString, batchId);

        await using var second = await LetterHostFixture.StartAsync(connectionString, cases, new Dictionary<string, string>(settings));
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IPinLetterBatchGrain>(batchId);
        var done = await Eventually.ReturnsAsync(again.GetView, v => v.Status != PinLetterBatchStatus.Running, TimeSpan.FromSeconds(120), "the resumed batch to end");

        // The host really stopped mid-batch: some but not all secrets were stored, and the output was not complete.
        Assert.InRange(issuedAtStop, 256, Cases - 1);
        Assert.Equal((PinLetterBatchStatus.Completed, (long)Cases), (done.Status, done.Letters));

        using var integrator = second.CreateClient(await second.SignInAsync("integrator-kernsystem"));
        var rows = LetterBatchClient.ReadCsv(await LetterBatchClient.FetchAsync(integrator, batchId, "csv")).Skip(1).ToList();
        // Every case exactly once: no letter lost, none printed twice.
        Assert.Equal(numbers, rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.Equal(Cases, rows.Select(r => r[7]).Distinct().Count());
        using (var pdf = PdfDocument.Open(await LetterBatchClient.FetchAsync(integrator, batchId, "pdf")))
            Assert.Equal(Cases, pdf.NumberOfPages);

        // Each case has one valid issue, this batch's; the cases issued before the stop were issued anew (their lost
        // letters' secrets no longer work), the others once.
        var secretStore = second.Services.GetRequiredService<IPinSecretStore>();
        var secrets = second.Services.GetRequiredService<IPinSecrets>();
        var latest = (await secretStore.LatestOfAsync(numbers)).ToDictionary(r => r.CaseNumber, StringComparer.Ordinal);
        Assert.Equal(Cases, latest.Count);
        Assert.All(latest.Values, r => Assert.Equal(batchId, r.BatchId));
        Assert.Equal(issuedAtStop, latest.Values.Count(r => r.IssueNo == 2));
        Assert.Equal(Cases - issuedAtStop, latest.Values.Count(r => r.IssueNo == 1));
        foreach (var row in rows)
        {
            var token = row[8][(row[8].IndexOf("#t=", StringComparison.Ordinal) + 3)..];
            Assert.Equal(row[0], await secretStore.CaseOfTokenAsync(secrets.HashToken(token)));
        }
        // PBKDF2 is slow on purpose: the PIN of a sample of each kind of case (reissued after the stop, issued once).
        foreach (var row in rows.Where(r => latest[r[0]].IssueNo == 2).Take(8).Concat(rows.Where(r => latest[r[0]].IssueNo == 1).Take(8)))
            Assert.True(secrets.Verify(latest[row[0]], PinFormat.Normalize(row[7])!), row[0]);
    }

    private static async Task<long> IssuedAsync(string connectionString, string batchId) =>
        await StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pin_secrets WHERE batch_id = @id", ("id", batchId));
}
