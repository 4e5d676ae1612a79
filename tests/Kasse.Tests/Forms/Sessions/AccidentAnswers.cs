using Kasse.Conversations;
using Kasse.Forms;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>Complete answers to the shipped accident questionnaire, entered edit by edit as a client would.</summary>
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

    /// <summary>Enters the answers in order (each path written for the first time, so from version 0).</summary>
    public static async Task EnterAsync(IFormSessionGrain session, Participant editor, Dictionary<string, string> answers)
    {
        var i = 0;
        foreach (var (path, value) in answers)
        {
            var result = await session.Edit(editor, new FormEdit($"fill-{i++}", path, value, 0));
            Assert.Equal(FormEditStatus.Applied, result.Status);
        }
    }
}
