using System.Diagnostics;
using System.Text.Json;
using Kasse.Grains.Rules;
using Kasse.Grains.Rules.Inputs;
using Kasse.Rules;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>rules</c>: the shipped SEPA-mandate rule set (21 rules) decided per input through <see cref="RuleSetEngine{TInput}"/>
/// (the path every channel takes), against the same checks written directly in C# in the same run. Single-threaded,
/// so the figures are per core. Reports allocation per decision and heap growth over the whole run.
/// </summary>
public static class RulesScenario
{
    public const string Name = "rules";
    private const int BatchSize = 1000;

    public static Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var seconds = options.Int("seconds", 10, 1, 3600);
        options.EnsureAllRead();

        var kind = RuleSetCatalog.Find(RuleSetNames.SepaMandate)!;
        var document = RuleSetDocument.Parse(kind.DefaultDocumentJson());
        var engine = (RuleSetEngine<SepaMandate>)kind.Compile(document, 1);
        var inputs = Inputs(document);
        var disagreements = CountDisagreements(engine, inputs);

        // Warm-up of both paths (JIT, tiered compilation, regex caches).
        Run(TimeSpan.FromSeconds(1), inputs, i => engine.Decide(i, DateTimeOffset.UnixEpoch).FiredRules.Count, null);
        Run(TimeSpan.FromSeconds(1), inputs, Direct, null);

        var duration = TimeSpan.FromSeconds(seconds);
        var latency = new LatencyRecorder();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var rules = Run(duration, inputs, i => engine.Decide(i, DateTimeOffset.UnixEpoch).FiredRules.Count, latency);
        var allocatedPerDecision = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / rules.Operations;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        var outcomes = new RuleOutcome[engine.Rules.Count];
        var spanAllocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var span = Run(duration / 2, inputs, i => engine.Rules.Evaluate(i, outcomes).Succeeded, null);
        var spanAllocatedPerOp = (double)(GC.GetAllocatedBytesForCurrentThread() - spanAllocatedBefore) / span.Operations;

        var direct = Run(duration / 2, inputs, Direct, null);

        return Task.FromResult(new ScenarioResult(Name)
        {
            OpsPerSecond = rules.PerSecond,
            P50Milliseconds = latency.PercentileMilliseconds(50),
            P99Milliseconds = latency.PercentileMilliseconds(99),
            Errors = disagreements,
            Lost = 0,
        }
            .With("rules", engine.Rules.Count)
            .With("inputs", inputs.Length)
            .With("seconds", seconds)
            .With("direct_per_s", direct.PerSecond)
            .With("slowdown", direct.PerSecond / rules.PerSecond)
            .With("allocation_free_per_s", span.PerSecond)
            .With("allocation_free_slowdown", direct.PerSecond / span.PerSecond)
            .With("bytes_per_decision", allocatedPerDecision)
            .With("bytes_per_allocation_free_evaluation", spanAllocatedPerOp)
            .With("heap_growth_kb", (heapAfter - heapBefore) / 1024.0)
            .With("latency_unit", $"mean of a batch of {BatchSize}"));
    }

    private static readonly bool[] DirectOutcomes = new bool[21];

    private static int Direct(SepaMandate input) => SepaMandateDirectChecks.Evaluate(input, DirectOutcomes);

    /// <summary>Inputs that exercise both outcomes of every rule: the test cases of the document, varied.</summary>
    private static SepaMandate[] Inputs(RuleSetDocument document)
    {
        var seeds = document.TestCases!.Select(t => t.Input.Deserialize<SepaMandate>(RuleSetDocument.JsonOptions)!).ToArray();
        var good = seeds[0];
        var random = new Random(42);
        return Enumerable.Range(0, 1024).Select(i => (i % 8) switch
        {
            0 => good,
            1 => good with { Iban = "DE89370400440532013001" },
            2 => good with { AccountHolder = i % 3 == 0 ? null : "Müller-Lüdenscheidt 9" },
            3 => good with { BirthDate = good.BirthDate.AddYears(random.Next(-60, 30)) },
            4 => good with { MandateReference = $"KASSE-2026-{random.Next(0, 1_000_000):D6}" },
            5 => good with { CreditorId = "DE98ZZZ09999999990", Bic = "COBADEFFXXX" },
            6 => good with { SignedOn = good.Today.AddDays(random.Next(-500, 30)) },
            _ => seeds[i % seeds.Length] with { PostalCode = random.Next(0, 2) == 0 ? "1067" : "01067", MandateType = "EINMALIG" },
        }).ToArray();
    }

    /// <summary>Both ways must agree on every rule of every input, or the comparison means nothing.</summary>
    private static long CountDisagreements(RuleSetEngine<SepaMandate> engine, SepaMandate[] inputs)
    {
        var outcomes = new RuleOutcome[engine.Rules.Count];
        var direct = new bool[21];
        long disagreements = 0;
        foreach (var input in inputs)
        {
            engine.Rules.Evaluate(input, outcomes);
            SepaMandateDirectChecks.Evaluate(input, direct);
            for (var r = 0; r < outcomes.Length; r++)
            {
                if ((outcomes[r] == RuleOutcome.Succeeded) != direct[r])
                {
                    disagreements++;
                    Console.Error.WriteLine($"rules: rule {engine.Rules.Rules[r].RuleName} disagrees with the direct check");
                }
            }
        }
        return disagreements;
    }

    private static (long Operations, double PerSecond) Run(TimeSpan duration, SepaMandate[] inputs, Func<SepaMandate, int> evaluate, LatencyRecorder? latency)
    {
        long operations = 0;
        var sink = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var start = Stopwatch.GetTimestamp();
            for (var b = 0; b < BatchSize; b++)
                sink += evaluate(inputs[(int)((operations + b) & 1023)]);
            operations += BatchSize;
            latency?.RecordNanoseconds((long)(Stopwatch.GetElapsedTime(start).TotalNanoseconds / BatchSize));
        }
        GC.KeepAlive(sink);
        return (operations, operations / clock.Elapsed.TotalSeconds);
    }
}
