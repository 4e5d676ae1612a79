using System.Globalization;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// The answers as the control document prints them: every visible field that holds a value, in definition order, with
/// its step title and label; dates TT.MM.JJJJ, yes/no "Ja"/"Nein", choices by label, IBAN in groups of four, an address
/// on one line, files by name, numbers in German format. A repeating group's rows are numbered ("Zeugen 1: Name").
/// </summary>
internal static class FormAnswerFormatter
{
    public static IReadOnlyList<SubmittedAnswer> Answers(FormModel model, IReadOnlyDictionary<string, string> values, DateOnly today)
    {
        var input = FormEvaluator.Prepare(model, values, today, []);
        var answers = new List<SubmittedAnswer>();
        foreach (var node in model.Fields)
        {
            input.Scope(null, null);
            if (!FormEvaluator.Visible(model, node, input) || input.Field(node.Id) is not { } value)
                continue;
            var step = model.Definition.Steps[node.StepIndex].Title;
            if (node.Type != FormFieldType.RepeatingGroup)
            {
                answers.Add(new SubmittedAnswer(step, node.Definition.Label, Display(node, value), node.Sensitive));
                continue;
            }
            var number = 0;
            foreach (var rowId in value.Rows)
            {
                number++;
                input.Scope(node, rowId);
                foreach (var child in node.Children)
                {
                    if (!FormEvaluator.Visible(model, child, input) || input.RowField(node.Id, rowId, child.Id) is not { } childValue)
                        continue;
                    var label = new LocalizedText(
                        $"{node.Definition.Label.De} {number}: {child.Definition.Label.De}",
                        $"{node.Definition.Label.In("en")} {number}: {child.Definition.Label.In("en")}");
                    answers.Add(new SubmittedAnswer(step, label, Display(child, childValue), child.Sensitive));
                }
            }
        }
        return answers;
    }

    private static string Display(FormFieldNode node, FormValue value) => node.Type switch
    {
        FormFieldType.Date when value.IsDate => value.Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
        FormFieldType.YesNo => value.Bool ? "Ja" : "Nein",
        FormFieldType.Consent => value.Bool ? "Ja, zugestimmt" : "Nein",
        FormFieldType.Choice => node.Definition.Options.FirstOrDefault(o => o.Value == value.Text)?.Label.De ?? value.Text,
        FormFieldType.Iban => Grouped(value.Text),
        FormFieldType.Number => FormMessages.GermanNumber(value.Number),
        FormFieldType.Address => OneLine(value),
        FormFieldType.File => value.FileName ?? "",
        _ => value.Text,
    };

    /// <summary><c>DE89370400440532013000</c> → <c>DE89 3704 0044 0532 0130 00</c>.</summary>
    private static string Grouped(string iban) =>
        string.Join(' ', Enumerable.Range(0, (iban.Length + 3) / 4).Select(i => iban.Substring(i * 4, Math.Min(4, iban.Length - i * 4))));

    /// <summary><c>Musterstraße 12a, 01067 Dresden</c>.</summary>
    private static string OneLine(FormValue value)
    {
        var street = string.Join(' ', new[] { value.Street, value.HouseNumber }.Where(p => p is not null));
        var city = string.Join(' ', new[] { value.PostalCode, value.City }.Where(p => p is not null));
        return string.Join(", ", new[] { street, city }.Where(p => p.Length > 0));
    }
}
