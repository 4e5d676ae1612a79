using Kasse.Grains.Rules.Inputs;

namespace Kasse.Tests.Rules;

/// <summary>Sample inputs of the SEPA-mandate plausibility rule set.</summary>
public static class SepaMandateSamples
{
    /// <summary>A mandate every rule accepts, judged on 15 June 2026.</summary>
    public static SepaMandate Good { get; } = new(
        Kvnr: "A123456780",
        AccountHolder: "Jörg-Peter von Bülow",
        BirthDate: new DateOnly(1985, 8, 18),
        Street: "Große Elbstraße 45a",
        PostalCode: "01067",
        City: "Dresden",
        Iban: "DE89 3704 0044 0532 0130 00",
        Bic: "",
        MandateReference: "KASSE-2026-000123",
        MandateType: "WIEDERKEHREND",
        CreditorName: "Musterkasse",
        CreditorId: "DE98ZZZ09999999999",
        SigningPlace: "Dresden",
        SignedOn: new DateOnly(2026, 6, 10),
        FirstCollectionOn: new DateOnly(2026, 7, 1),
        AuthorisationAccepted: true,
        Today: new DateOnly(2026, 6, 15));
}

/// <summary>The shipped SEPA-mandate rule set's workflow (the default document of <c>form.sepa-mandat</c>).</summary>
public static class SepaMandateRules
{
    public static string Json { get; } = Kasse.Grains.Rules.RuleSetCatalog.Find("form.sepa-mandat")!.DefaultWorkflowJson();
}
