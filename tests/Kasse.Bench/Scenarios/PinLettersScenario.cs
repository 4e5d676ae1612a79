using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.EinmalPin.Letters;
using Kasse.Grains.EinmalPin.Secrets;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>pin-letters</c>: one letter batch over N generated cases of one import on a silo with a throwaway PostgreSQL
/// (durable settings by default): issue the secrets (PBKDF2 on every core), store them with COPY, and produce the sealed
/// print CSV and PDF. In the same run, the two floors: the raw PBKDF2 rate on every core (Parallel.For, same
/// iterations) and the raw PDF page rate (the same letter pages with QR codes, one document on one thread).
/// <c>ratio_to_floor</c> = letters/s ÷ the slower floor. The cases come from memory, so the figure is the letters' own.
/// </summary>
public static class PinLettersScenario
{
    public const string Name = "pin-letters";

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var caseCount = options.Int("cases", 20_000, 1, 5_000_000);
        var durable = options.Int("durable", 1, 0, 1) == 1;
        var timeoutSeconds = options.Int("timeout-seconds", 3600, 1, 24 * 3600);
        options.EnsureAllRead();

        Console.Error.WriteLine($"{Name}: starting a throwaway PostgreSQL ({(durable ? "durable settings" : "the tests' fast settings")})");
        await using var postgres = durable ? await PostgresServer.StartDurableAsync() : await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        var importId = Guid.NewGuid();
        var cases = new GeneratedCases(importId, caseCount);
        await using var server = await InProcessServer.StartAsync(
            [$"ConnectionStrings:Kasse={connectionString}"],
            builder => builder.Services.AddSingleton<IPinCaseStore>(cases));
        var iterations = server.Services.GetRequiredService<IOptions<EinmalPinOptions>>().Value.Pbkdf2Iterations;

        var pbkdf2PerSecond = RawPbkdf2Rate(iterations);
        Console.Error.WriteLine($"{Name}: raw PBKDF2 {pbkdf2PerSecond:0} hashes/s on {Environment.ProcessorCount} cores ({iterations} iterations)");
        var pdfPagesPerSecond = RawPdfPageRate(server.Services.GetRequiredService<LetterFonts>(), server.Services.GetRequiredService<PinSecrets>());
        Console.Error.WriteLine($"{Name}: raw PDF {pdfPagesPerSecond:0} pages/s");

        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var batch = grains.GetGrain<IPinLetterBatchGrain>($"import-{importId:N}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        await batch.StartForImport(importId);
        await batch.ImportProgressed(finished: true);
        PinLetterBatchView view;
        var lastReport = started;
        while (true)
        {
            view = await batch.GetView();
            if (view.Status != PinLetterBatchStatus.Running)
                break;
            if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(5))
            {
                Console.Error.WriteLine($"{Name}: {view.Letters} letters after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
                lastReport = Stopwatch.GetTimestamp();
            }
            await Task.Delay(100, timeout.Token);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var lettersPerSecond = view.Letters / elapsed.TotalSeconds;
        var floor = Math.Min(pbkdf2PerSecond, pdfPagesPerSecond);
        Console.Error.WriteLine($"{Name}: {view.Letters} letters in {elapsed.TotalSeconds:0.0} s = {lettersPerSecond:0}/s; {view.Status}; CSV {view.CsvParts} parts, PDF {view.PdfParts} parts");

        return new ScenarioResult(Name)
        {
            OpsPerSecond = lettersPerSecond,
            Errors = view.Status == PinLetterBatchStatus.Completed ? 0 : 1,
            Lost = caseCount - view.Letters,
        }
            .With("cases", caseCount)
            .With("letters", view.Letters)
            .With("seconds", elapsed.TotalSeconds)
            .With("letters_per_s", lettersPerSecond)
            .With("pbkdf2_per_s", pbkdf2PerSecond)
            .With("pdf_pages_per_s", pdfPagesPerSecond)
            .With("ratio_to_floor", lettersPerSecond / floor)
            .With("pbkdf2_iterations", iterations)
            .With("csv_parts", view.CsvParts)
            .With("pdf_parts", view.PdfParts)
            .With("peak_rss_mb", Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0))
            .With("durable", durable ? 1 : 0);
    }

    /// <summary>PBKDF2-SHA256 of PIN-like inputs on every core for about three seconds.</summary>
    private static double RawPbkdf2Rate(int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var count = Math.Max(Environment.ProcessorCount * 4, (int)(3 * Environment.ProcessorCount * 300_000.0 / iterations));
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, count, i => Rfc2898DeriveBytes.Pbkdf2(
            Encoding.ASCII.GetBytes(PinSecrets.NewPin()), salt, iterations, HashAlgorithmName.SHA256, 32));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Letter pages with QR codes into one PDF document, as the batch writes them, for about three seconds.</summary>
    private static double RawPdfPageRate(LetterFonts fonts, PinSecrets secrets)
    {
        var letters = Enumerable.Range(0, 64)
            .Select(i => new PinLetter(GeneratedCases.Case(i), PinSecrets.NewPin(), secrets.LinkOf($"{Guid.NewGuid():N}"[..22]),
                new DateOnly(2027, 2, 5), new DateOnly(2026, 12, 7)))
            .ToList();
        using (var warmUp = new PinLetterPdf(Stream.Null, fonts))
        {
            warmUp.Add(letters[0]);
            warmUp.Close();
        }
        var pages = 0;
        var started = Stopwatch.GetTimestamp();
        using var pdf = new PinLetterPdf(Stream.Null, fonts);
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(3))
            pdf.Add(letters[pages++ % letters.Count]);
        pdf.Close();
        return pages / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>N cases of one import, generated on demand in case-number order.</summary>
    private sealed class GeneratedCases(Guid importId, int count) : IPinCaseStore
    {
        private static readonly DateTimeOffset ImportedAt = DateTimeOffset.UtcNow;

        public static PinCaseData Case(int index) => new(
            $"V{index:D10}", (PinCaseType)(index % 3 + 1), "A123456780", "Erika", $"Mustermann-{index}", new DateOnly(1970, 5, 17),
            $"Hauptstraße {index % 200 + 1}", "10115", "Berlin", new DateOnly(2027, 3, 31));

        public Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<PinCaseData> cases, Guid? importId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<StoredPinCase?> FindAsync(string caseNumber) =>
            Task.FromResult<StoredPinCase?>(int.TryParse(caseNumber.AsSpan(1), out var i) && i < count ? new(Case(i), importId, ImportedAt) : null);

        public Task<IReadOnlyList<StoredPinCase>> ReadImportAsync(Guid id, string? afterCaseNumber, int max)
        {
            var from = afterCaseNumber is null ? 0 : int.Parse(afterCaseNumber.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) + 1;
            var to = id == importId ? Math.Min(count, from + max) : from;
            return Task.FromResult<IReadOnlyList<StoredPinCase>>(
                Enumerable.Range(from, Math.Max(0, to - from)).Select(i => new StoredPinCase(Case(i), importId, ImportedAt)).ToList());
        }
    }
}
