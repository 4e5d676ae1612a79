namespace Kasse.Tests.Rules;

/// <summary>The typed input of the SEPA-mandate plausibility rule set: what the form submits, plus the day it is judged on.</summary>
public sealed record SepaMandate(
    string? Kvnr,
    string? AccountHolder,
    DateOnly BirthDate,
    string? Street,
    string? PostalCode,
    string? City,
    string? Iban,
    string? Bic,
    string? MandateReference,
    string? MandateType,
    string? CreditorName,
    string? CreditorId,
    string? SigningPlace,
    DateOnly SignedOn,
    DateOnly FirstCollectionOn,
    bool AuthorisationAccepted,
    DateOnly Today)
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

/// <summary>About 20 plausibility rules of a SEPA direct-debit mandate, as a RulesEngine workflow document.</summary>
public static class SepaMandateRules
{
    public const string Json = """
        {
          "WorkflowName": "form.sepa-mandat",
          "Rules": [
            { "RuleName": "KvnrGueltig", "Expression": "RuleFunctions.IsValidKvnr(input.Kvnr)", "ErrorMessage": "Die Krankenversichertennummer ist ungültig." },
            { "RuleName": "KontoinhaberVorhanden", "Expression": "!RuleFunctions.IsBlank(input.AccountHolder)", "ErrorMessage": "Bitte den Namen des Kontoinhabers angeben." },
            { "RuleName": "KontoinhaberLaenge", "Expression": "RuleFunctions.Length(input.AccountHolder) <= 70", "ErrorMessage": "Der Name des Kontoinhabers ist zu lang (höchstens 70 Zeichen)." },
            { "RuleName": "KontoinhaberZeichen", "Expression": "RuleFunctions.Matches(input.AccountHolder, \"^[\\\\p{L}][\\\\p{L} .,'-]*$\")", "ErrorMessage": "Der Name des Kontoinhabers enthält unzulässige Zeichen." },
            { "RuleName": "Volljaehrig", "Expression": "RuleFunctions.Age(input.BirthDate, input.SignedOn) >= 18", "ErrorMessage": "Der Kontoinhaber muss bei der Unterschrift volljährig sein.", "SuccessEvent": "volljaehrig" },
            { "RuleName": "GeburtsdatumPlausibel", "Expression": "input.BirthDate < input.Today && RuleFunctions.Age(input.BirthDate, input.Today) <= 120", "ErrorMessage": "Das Geburtsdatum ist nicht plausibel." },
            { "RuleName": "AnschriftVorhanden", "Expression": "!RuleFunctions.IsBlank(input.Street) && !RuleFunctions.IsBlank(input.City)", "ErrorMessage": "Bitte die Anschrift angeben." },
            { "RuleName": "PostleitzahlDeutsch", "Expression": "RuleFunctions.Matches(input.PostalCode, \"^[0-9]{5}$\")", "ErrorMessage": "Die Postleitzahl hat fünf Ziffern." },
            { "RuleName": "IbanGueltig", "Expression": "RuleFunctions.IsValidIban(input.Iban)", "ErrorMessage": "Die IBAN ist ungültig." },
            { "RuleName": "IbanDeutsch", "Expression": "RuleFunctions.IsGermanIban(input.Iban)", "ErrorMessage": "Bitte eine deutsche IBAN angeben." },
            { "RuleName": "BicNurWennNoetig", "Expression": "RuleFunctions.IsBlank(input.Bic) || RuleFunctions.Matches(input.Bic, \"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$\")", "ErrorMessage": "Die BIC ist ungültig." },
            { "RuleName": "MandatsreferenzFormat", "Expression": "RuleFunctions.Matches(input.MandateReference, \"^KASSE-[0-9]{4}-[0-9]{6}$\")", "ErrorMessage": "Die Mandatsreferenz hat nicht das Format KASSE-JJJJ-NNNNNN." },
            { "RuleName": "MandatsreferenzLaenge", "Expression": "RuleFunctions.Length(input.MandateReference) <= 35", "ErrorMessage": "Die Mandatsreferenz hat höchstens 35 Zeichen." },
            { "RuleName": "MandatsartBekannt", "Expression": "RuleFunctions.In(input.MandateType, \"EINMALIG\", \"WIEDERKEHREND\")", "ErrorMessage": "Bitte einmalige oder wiederkehrende Zahlung wählen." },
            { "RuleName": "GlaeubigerVorhanden", "Expression": "!RuleFunctions.IsBlank(input.CreditorName)", "ErrorMessage": "Der Name des Zahlungsempfängers fehlt." },
            { "RuleName": "GlaeubigerIdGueltig", "Expression": "RuleFunctions.IsValidGlaeubigerId(input.CreditorId)", "ErrorMessage": "Die Gläubiger-Identifikationsnummer ist ungültig." },
            { "RuleName": "UnterschriftsortVorhanden", "Expression": "!RuleFunctions.IsBlank(input.SigningPlace)", "ErrorMessage": "Bitte den Ort der Unterschrift angeben." },
            { "RuleName": "UnterschriftNichtInZukunft", "Expression": "input.SignedOn <= input.Today", "ErrorMessage": "Das Datum der Unterschrift liegt in der Zukunft." },
            { "RuleName": "UnterschriftHoechstensEinJahrAlt", "Expression": "input.SignedOn >= RuleFunctions.AddYears(input.Today, -1)", "ErrorMessage": "Die Unterschrift ist älter als ein Jahr." },
            { "RuleName": "ErsteAbbuchungNachUnterschrift", "Expression": "input.FirstCollectionOn >= input.SignedOn && RuleFunctions.DaysBetween(input.SignedOn, input.FirstCollectionOn) <= 180", "ErrorMessage": "Die erste Abbuchung liegt vor der Unterschrift oder mehr als 180 Tage danach." },
            { "RuleName": "ErmaechtigungBestaetigt", "Expression": "input.AuthorisationAccepted", "ErrorMessage": "Bitte den Text der Ermächtigung bestätigen.", "SuccessEvent": "ermaechtigt" }
          ]
        }
        """;
}
