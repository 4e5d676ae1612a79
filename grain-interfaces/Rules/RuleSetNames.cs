namespace Kasse.Rules;

/// <summary>The rule sets the product asks; every channel asks these, and only these.</summary>
public static class RuleSetNames
{
    public const string SepaMandate = "form.sepa-mandat";
    public const string SteuerIdStp = "stp.steuer-id";
    public const string SepaMandatStp = "stp.sepa-mandat";
    public const string UnfallfragebogenStp = "stp.unfallfragebogen";
    public const string RoutingPriority = "routing.priority";
    public const string CampaignEligibility = "campaign.eligibility";
    public const string RoutingWorkflow = "routing.workflow";

    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        (SepaMandate, "Plausibilität eines SEPA-Lastschriftmandats"),
        (SteuerIdStp, "Dunkelverarbeitung der Steuer-ID-Rückmeldung"),
        (SepaMandatStp, "Dunkelverarbeitung eines SEPA-Lastschriftmandats (EinmalPIN)"),
        (UnfallfragebogenStp, "Dunkelverarbeitung eines Unfallfragebogens (EinmalPIN)"),
        (RoutingPriority, "Priorität und Fähigkeiten für den Posteingang"),
        (CampaignEligibility, "Kampagnenfähigkeit einer versicherten Person"),
        (RoutingWorkflow, "Routing-Ziele im Posteingang: Filter auf Merkmale des Anliegens, Ziele in Reihenfolge mit Wartezeit"),
    ];

    public static bool Exists(string name) => All.Any(n => n.Name == name);

    public static string DescriptionOf(string name) => All.First(n => n.Name == name).Description;
}
