using Kasse.Grains.Rules;
using Kasse.Grains.Rules.Inputs;

namespace Kasse.Tests.Rules;

/// <summary>The plausibility rule set of a SEPA mandate on good and bad inputs.</summary>
public sealed class SepaMandateRuleSetTests
{
    private static readonly CompiledRuleSet<SepaMandate> Rules = RuleCompiler.Compile<SepaMandate>(SepaMandateRules.Json);

    [Fact]
    public void The_rule_set_compiles_to_21_rules_in_document_order()
    {
        Assert.Equal("form.sepa-mandat", Rules.WorkflowName);
        Assert.Equal(21, Rules.Count);
        Assert.Equal("KvnrGueltig", Rules.Rules[0].RuleName);
        Assert.Equal("ErmaechtigungBestaetigt", Rules.Rules[^1].RuleName);
    }

    [Fact]
    public void A_good_mandate_passes_every_rule()
    {
        var result = Rules.Evaluate(SepaMandateSamples.Good);

        Assert.True(result.AllSucceeded, string.Join(", ", result.FailedRules));
        Assert.Empty(result.FailedRules);
        Assert.Equal(21, result.SucceededRules.Count());
        Assert.Equal(["volljaehrig", "ermaechtigt"], result.SuccessEvents);
        Assert.True(Rules.AllSucceed(SepaMandateSamples.Good));
    }

    public static TheoryData<string, SepaMandate, string[]> BadMandates => new()
    {
        { "IBAN check digits wrong", SepaMandateSamples.Good with { Iban = "DE88370400440532013000" }, ["IbanGueltig", "IbanDeutsch"] },
        { "Austrian IBAN", SepaMandateSamples.Good with { Iban = "AT61 1904 3002 3457 3201" }, ["IbanDeutsch"] },
        { "German IBAN too short", SepaMandateSamples.Good with { Iban = "DE8937040044053201300" }, ["IbanGueltig", "IbanDeutsch"] },
        { "no account holder", SepaMandateSamples.Good with { AccountHolder = "  " }, ["KontoinhaberVorhanden", "KontoinhaberZeichen"] },
        { "account holder with digits", SepaMandateSamples.Good with { AccountHolder = "R2D2" }, ["KontoinhaberZeichen"] },
        { "account holder too long", SepaMandateSamples.Good with { AccountHolder = new string('a', 71) }, ["KontoinhaberLaenge"] },
        { "17 at signing", SepaMandateSamples.Good with { BirthDate = new DateOnly(2008, 6, 11) }, ["Volljaehrig"] },
        { "born on a leap day, signed on 28 February of the 18th year", SepaMandateSamples.Good with { BirthDate = new DateOnly(2008, 2, 29), SignedOn = new DateOnly(2026, 2, 28), FirstCollectionOn = new DateOnly(2026, 3, 2) }, ["Volljaehrig"] },
        { "born in the future", SepaMandateSamples.Good with { BirthDate = new DateOnly(2026, 6, 16) }, ["Volljaehrig", "GeburtsdatumPlausibel"] },
        { "born 121 years ago", SepaMandateSamples.Good with { BirthDate = new DateOnly(1905, 6, 14) }, ["GeburtsdatumPlausibel"] },
        { "signed tomorrow", SepaMandateSamples.Good with { SignedOn = new DateOnly(2026, 6, 16) }, ["UnterschriftNichtInZukunft"] },
        { "signed a year and a day ago", SepaMandateSamples.Good with { SignedOn = new DateOnly(2025, 6, 14), FirstCollectionOn = new DateOnly(2025, 7, 1) }, ["UnterschriftHoechstensEinJahrAlt"] },
        { "first collection before signing", SepaMandateSamples.Good with { FirstCollectionOn = new DateOnly(2026, 6, 9) }, ["ErsteAbbuchungNachUnterschrift"] },
        { "mandate reference in another format", SepaMandateSamples.Good with { MandateReference = "kasse-2026-000123" }, ["MandatsreferenzFormat"] },
        { "mandate reference too long", SepaMandateSamples.Good with { MandateReference = "KASSE-2026-000123-" + new string('9', 20) }, ["MandatsreferenzFormat", "MandatsreferenzLaenge"] },
        { "unknown mandate type", SepaMandateSamples.Good with { MandateType = "MONATLICH" }, ["MandatsartBekannt"] },
        { "creditor id wrong", SepaMandateSamples.Good with { CreditorId = "DE97ZZZ09999999999" }, ["GlaeubigerIdGueltig"] },
        { "malformed BIC", SepaMandateSamples.Good with { Bic = "COBADEF" }, ["BicNurWennNoetig"] },
        { "postal code with 4 digits", SepaMandateSamples.Good with { PostalCode = "1067" }, ["PostleitzahlDeutsch"] },
        { "authorisation not accepted", SepaMandateSamples.Good with { AuthorisationAccepted = false }, ["ErmaechtigungBestaetigt"] },
        { "KVNR check digit wrong", SepaMandateSamples.Good with { Kvnr = "A123456789" }, ["KvnrGueltig"] },
    };

    [Theory]
    [MemberData(nameof(BadMandates))]
    public void A_bad_mandate_fails_exactly_the_rules_it_breaks(string because, SepaMandate mandate, string[] failed)
    {
        var result = Rules.Evaluate(mandate);

        Assert.False(result.AllSucceeded, because);
        Assert.False(result.HasErrors, because);
        Assert.Equal(failed.Order(StringComparer.Ordinal), result.FailedRules.Order(StringComparer.Ordinal));
        Assert.Equal(21 - failed.Length, result.SucceededRules.Count());
        Assert.False(Rules.AllSucceed(mandate));
    }

    [Fact]
    public void Valid_edge_cases_pass()
    {
        Assert.True(Rules.AllSucceed(SepaMandateSamples.Good with { BirthDate = new DateOnly(2008, 6, 10) }), "18 on the signing day");
        Assert.True(Rules.AllSucceed(SepaMandateSamples.Good with
        {
            BirthDate = new DateOnly(2008, 2, 29),
            SignedOn = new DateOnly(2026, 3, 1),
            FirstCollectionOn = new DateOnly(2026, 3, 2),
        }), "born on a leap day, 18 on 1 March");
        Assert.True(Rules.AllSucceed(SepaMandateSamples.Good with { SignedOn = new DateOnly(2025, 6, 15), FirstCollectionOn = new DateOnly(2025, 7, 1) }), "signed exactly a year ago");
        Assert.True(Rules.AllSucceed(SepaMandateSamples.Good with { SignedOn = SepaMandateSamples.Good.Today }), "signed today");
        Assert.True(Rules.AllSucceed(SepaMandateSamples.Good with { Bic = "COBADEFFXXX" }), "11-character BIC");
        Assert.True(Rules.AllSucceed(SepaMandateSamples.Good with { Iban = "de02120300000000202051", MandateType = "EINMALIG" }), "lower-case IBAN");
    }

    [Fact]
    public void Missing_fields_fail_their_rules_without_errors()
    {
        var empty = new SepaMandate(null, null, default, null, null, null, null, null, null, null, null, null, null, default, default, false, new DateOnly(2026, 6, 15));

        var result = Rules.Evaluate(empty);

        Assert.False(result.HasErrors, string.Join(", ", result.ErrorRules));
        Assert.Contains("IbanGueltig", result.FailedRules);
        Assert.Contains("KontoinhaberVorhanden", result.FailedRules);
        Assert.Contains("Die IBAN ist ungültig.", result.ErrorMessages);
    }

    [Fact]
    public void The_allocation_free_path_agrees_with_the_result_and_allocates_nothing()
    {
        var bad = SepaMandateSamples.Good with { Iban = "AT61 1904 3002 3457 3201", AuthorisationAccepted = false };
        Span<RuleOutcome> outcomes = stackalloc RuleOutcome[Rules.Count];
        var summary = Rules.Evaluate(bad, outcomes);
        var result = Rules.Evaluate(bad);
        Assert.Equal(result.Outcomes, outcomes.ToArray());
        Assert.Equal(new RuleSetSummary(19, 2, 0), summary);

        for (var i = 0; i < 100; i++)
            Rules.Evaluate(SepaMandateSamples.Good, outcomes); // warm up: regex cache, tiered JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            Rules.Evaluate(SepaMandateSamples.Good, outcomes);
            Rules.Evaluate(bad, outcomes);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
