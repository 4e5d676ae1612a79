using System.Text.RegularExpressions;
using Kasse.Grains.Rules;
using Kasse.Grains.Rules.Inputs;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// The shipped <c>form.sepa-mandat</c> rules written directly in C#, one line per rule in the same order: the physical
/// limit the rule engine is measured against. Kept in step with grains/Rules/Defaults/form.sepa-mandat.json; the
/// scenario checks on every input that both give the same outcomes.
/// </summary>
public static partial class SepaMandateDirectChecks
{
    public static int Evaluate(SepaMandate m, Span<bool> fired)
    {
        fired[0] = RuleFunctions.IsValidKvnr(m.Kvnr);
        fired[1] = !RuleFunctions.IsBlank(m.AccountHolder);
        fired[2] = RuleFunctions.Length(m.AccountHolder) <= 70;
        fired[3] = m.AccountHolder is not null && AccountHolderPattern().IsMatch(m.AccountHolder);
        fired[4] = RuleFunctions.Age(m.BirthDate, m.SignedOn) >= 18;
        fired[5] = m.BirthDate < m.Today && RuleFunctions.Age(m.BirthDate, m.Today) <= 120;
        fired[6] = !RuleFunctions.IsBlank(m.Street) && !RuleFunctions.IsBlank(m.City);
        fired[7] = m.PostalCode is not null && PostalCodePattern().IsMatch(m.PostalCode);
        fired[8] = RuleFunctions.IsValidIban(m.Iban);
        fired[9] = RuleFunctions.IsGermanIban(m.Iban);
        fired[10] = RuleFunctions.IsBlank(m.Bic) || BicPattern().IsMatch(m.Bic!);
        fired[11] = m.MandateReference is not null && MandateReferencePattern().IsMatch(m.MandateReference);
        fired[12] = RuleFunctions.Length(m.MandateReference) <= 35;
        fired[13] = m.MandateType is "EINMALIG" or "WIEDERKEHREND";
        fired[14] = !RuleFunctions.IsBlank(m.CreditorName);
        fired[15] = RuleFunctions.IsValidGlaeubigerId(m.CreditorId);
        fired[16] = !RuleFunctions.IsBlank(m.SigningPlace);
        fired[17] = m.SignedOn <= m.Today;
        fired[18] = m.SignedOn >= m.Today.AddYears(-1);
        fired[19] = m.FirstCollectionOn >= m.SignedOn && m.FirstCollectionOn.DayNumber - m.SignedOn.DayNumber <= 180;
        fired[20] = m.AuthorisationAccepted;
        var count = 0;
        for (var i = 0; i < 21; i++)
        {
            if (fired[i])
                count++;
        }
        return count;
    }

    [GeneratedRegex(@"^[\p{L}][\p{L} .,'-]*$")]
    private static partial Regex AccountHolderPattern();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex("^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$")]
    private static partial Regex BicPattern();

    [GeneratedRegex("^KASSE-[0-9]{4}-[0-9]{6}$")]
    private static partial Regex MandateReferencePattern();
}
