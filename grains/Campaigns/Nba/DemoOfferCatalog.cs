using Kasse.Campaigns;
using Kasse.Campaigns.Nba;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The catalogue a new installation starts with (published as version 1): two optional tariffs, a partner offer for
/// dental insurance, the bonus programme and a prevention course. Tariff names are those of the data warehouse.
/// </summary>
public static class DemoOfferCatalog
{
    private static readonly Dictionary<ContactChannel, double> InboundAndPhone = new()
    {
        [ContactChannel.Banner] = 1.0,
        [ContactChannel.AgentDesktop] = 1.0,
        [ContactChannel.Phone] = 0.8,
    };

    public static OfferCatalogDocument Document { get; } = new(
    [
        new OfferDefinition(
            "krankengeld-wahltarif",
            new OfferTexts("Krankengeld-Wahltarif", "Sichern Sie Ihr Einkommen ab dem ersten Krankheitstag ab.", "Tarif ansehen"),
            new OfferTexts("Sickness benefit tariff", "Protect your income from the first day of illness.", "See the tariff"),
            "Krankengeld",
            Eligibility: "input.Age >= 18 && input.Age < 67",
            Applicability: "input.Tariff != \"Krankengeld\"",
            Suitability: "input.Age < 60",
            BusinessValue: 120,
            Lever: 1.0,
            ContextWeights: InboundAndPhone,
            LastViewedBoost: 3.0),
        new OfferDefinition(
            "selbstbehalt",
            new OfferTexts("Selbstbehalt-Tarif", "Wer selten zum Arzt geht, erhält eine Prämie zurück.", "Prämie berechnen"),
            new OfferTexts("Deductible tariff", "If you rarely see a doctor, you get a premium back.", "Calculate the premium"),
            "Selbstbehalt",
            Eligibility: "input.Age >= 18",
            Applicability: "input.Tariff == null",
            Suitability: "input.Age < 50",
            BusinessValue: 80,
            Lever: 1.0,
            ContextWeights: InboundAndPhone,
            LastViewedBoost: 3.0),
        new OfferDefinition(
            "zahnzusatz-partner",
            new OfferTexts("Zahnzusatzversicherung", "Zahnersatz und Prophylaxe mit unserem Partner günstiger absichern.", "Angebot ansehen"),
            new OfferTexts("Dental insurance", "Cover dentures and prophylaxis with our partner at a lower price.", "See the offer"),
            "Zahnzusatz",
            Eligibility: "input.Age >= 18",
            Applicability: "input.Tariff != \"Zahnzusatz\"",
            Suitability: "true",
            BusinessValue: 60,
            Lever: 0.8,
            ContextWeights: new Dictionary<ContactChannel, double> { [ContactChannel.Banner] = 1.0, [ContactChannel.AgentDesktop] = 0.7 },
            LastViewedBoost: 3.0),
        new OfferDefinition(
            "bonusprogramm",
            new OfferTexts("Bonusprogramm", "Sammeln Sie Punkte für Vorsorge und Sport und lassen Sie sich belohnen.", "Jetzt teilnehmen"),
            new OfferTexts("Bonus programme", "Collect points for check-ups and sports and get rewarded.", "Join now"),
            "Bonusprogramm",
            Eligibility: "true",
            Applicability: "!input.BonusProgramme",
            Suitability: "true",
            BusinessValue: 40,
            Lever: 1.2,
            ContextWeights: InboundAndPhone),
        new OfferDefinition(
            "praeventionskurs",
            new OfferTexts("Präventionskurs", "Rückenfit, Yoga oder Entspannung: wir übernehmen bis zu zwei Kurse im Jahr.", "Kurs finden"),
            new OfferTexts("Prevention course", "Back fitness, yoga or relaxation: we pay for up to two courses a year.", "Find a course"),
            null,
            Eligibility: "input.Age >= 16",
            Applicability: "true",
            Suitability: "true",
            BusinessValue: 25,
            Lever: 1.0,
            ContextWeights: new Dictionary<ContactChannel, double> { [ContactChannel.Banner] = 1.0, [ContactChannel.AgentDesktop] = 1.0 }),
    ]);
}
