namespace Kasse.Tests.Forms.Sessions;

/// <summary>Complete answers to the shipped accident questionnaire.</summary>
public static class AccidentAnswers
{
    /// <summary>An accident at home without anybody else: complete, and closed without a clerk.</summary>
    public static Dictionary<string, string> AtHome() => new(StringComparer.Ordinal)
    {
        ["unfallDatum"] = FormSessionScene.DaysAgo(3),
        ["unfallOrt"] = "\"haushalt\"",
        ["hergangBeschreibung"] = "\"Beim Fensterputzen von der Leiter gefallen. Prellung am Knöchel.\"",
        ["dritterBeteiligt"] = "false",
        ["polizeiAufgenommen"] = "false",
        ["zeugenVorhanden"] = "false",
        ["behandelt"] = "false",
        ["einwilligung"] = "true",
    };

    /// <summary>Someone else was involved: complete, and a clerk must look (a claim against a third party).</summary>
    public static Dictionary<string, string> WithThirdParty()
    {
        var answers = AtHome();
        answers["unfallOrt"] = "\"freizeit\"";
        answers["dritterBeteiligt"] = "true";
        answers["dritterName"] = "\"Max Muster, Ringstraße 1, 50667 Köln\"";
        return answers;
    }
}
