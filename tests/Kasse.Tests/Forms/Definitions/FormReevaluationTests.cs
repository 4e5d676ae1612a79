using System.Globalization;
using System.Text.Json;
using Kasse.Forms;
using Kasse.Grains.Forms;
using Kasse.Grains.Forms.Definitions;
using static Kasse.Tests.Forms.Definitions.FormModelsForTests;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>
/// After one edit a session judges again only the fields that read the edited one (the definition's dependency index);
/// whatever it skips must be what a whole evaluation gives. Checked edit by edit against the whole evaluation, on the
/// shipped forms with their own test cases and the identifier vectors of DOMAIN.md, as a session applies them
/// (clear-on-hide included).
/// </summary>
public sealed class FormReevaluationTests
{
    public static TheoryData<string> Names => new(FormNames.Shipped);

    [Theory]
    [MemberData(nameof(Names))]
    public void Filling_and_emptying_every_test_case_of_a_shipped_form_edit_by_edit_gives_the_whole_evaluation(string name)
    {
        var model = Shipped(name);
        foreach (var (today, edits) in TestCases(name))
        {
            var session = new Session(model, today);
            foreach (var (path, json) in edits)
                session.Set(path, json);
            foreach (var (path, _) in edits)
                session.Set(path, null);
        }
    }

    [Fact]
    public void Identifier_vectors_edited_one_after_another_give_the_whole_evaluation()
    {
        var sepa = new Session(Shipped(FormNames.SepaMandate), Today);
        foreach (var (path, json) in TestCases(FormNames.SepaMandate)[0].Edits)
            sepa.Set(path, json);
        // German and foreign, valid and invalid; a foreign IBAN shows the BIC, a German one hides (and clears) it again.
        foreach (var iban in new[] { "DE89 3704 0044 0532 0130 00", "DE89370400440532013001", "AT611904300234573201", "DE02120300000000202051", "DE88370400440532013000" })
        {
            sepa.Set("iban", Json(iban));
            if (sepa.Evaluation.Fields.Single(f => f.Path == "bic").Visible)
                sepa.Set("bic", Json("OPSKATWW"));
        }

        var steuer = new Session(Shipped(FormNames.SteuerId), Today);
        foreach (var steuerId in new[] { "36574261809", "36574261890", "12345678995", "36554266806", "11145678901", "01234567890" })
            steuer.Set("steuerId", Json(steuerId));
        foreach (var kvnr in new[] { "A123456780", "A123456789", "T012345678", "G995030567", "Z987654321" })
            steuer.Set("kvnr", Json(kvnr));
    }

    [Fact]
    public void A_field_read_through_a_computed_id_is_judged_again_after_any_edit()
    {
        // "Text(Bool(\"x\") ? \"a\" : \"b\")" reads a or b, which no literal id in it names.
        var model = Compile("""
            [ { "id": "x", "type": "yesNo", "label": { "de": "X" } },
              { "id": "a", "type": "text", "label": { "de": "A" } },
              { "id": "b", "type": "text", "label": { "de": "B" } },
              { "id": "c", "type": "text", "label": { "de": "C" },
                "requiredIf": "Text(Bool(\"x\") ? \"a\" : \"b\") == \"ja\"" } ]
            """);
        var session = new Session(model, Today);

        session.Set("b", Json("ja"));
        Assert.True(session.Evaluation.Fields.Single(f => f.Path == "c").Required);
        session.Set("x", "true");
        session.Set("a", Json("ja"));
        session.Set("a", Json("nein"));
        Assert.False(session.Evaluation.Fields.Single(f => f.Path == "c").Required);
    }

    [Fact]
    public void An_evaluation_serves_more_than_one_re_evaluation_with_the_same_result()
    {
        var model = Shipped(FormNames.Accident);
        var values = Values(model, ("unfallOrt", Json("verkehr")));
        var previous = model.Evaluate(values, Today);

        var first = Values(model, ("unfallOrt", Json("verkehr")), ("unfallOrtBeschreibung", Json("Kreuzung")));
        AssertSameEvaluation(model.Evaluate(first, Today), model.Reevaluate(previous, first, "unfallOrtBeschreibung", Today), "first");
        var second = Values(model, ("unfallOrt", Json("haushalt")));
        AssertSameEvaluation(model.Evaluate(second, Today), model.Reevaluate(previous, second, "unfallOrt", Today), "second");
    }

    [Fact]
    public void A_re_evaluation_on_another_day_judges_the_date_rules_of_that_day()
    {
        var model = Shipped(FormNames.Accident);
        var before = Values(model, ("unfallDatum", Json("2026-11-24")));
        var previous = model.Evaluate(before, Today);
        Assert.NotNull(previous.Fields.Single(f => f.Path == "unfallDatum").Error);

        var after = Values(model, ("unfallDatum", Json("2026-11-24")), ("hergangBeschreibung", Json("Gestürzt")));
        var nextDay = Today.AddDays(1);
        var reevaluated = model.Reevaluate(previous, after, "hergangBeschreibung", nextDay);

        AssertSameEvaluation(model.Evaluate(after, nextDay), reevaluated, "next day");
        Assert.Null(reevaluated.Fields.Single(f => f.Path == "unfallDatum").Error);
    }

    /// <summary>A session's values and evaluation, changed one path at a time as the session grain does.</summary>
    private sealed class Session(IFormModel model, DateOnly today)
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public FormEvaluation Evaluation { get; private set; } = model.Evaluate(new Dictionary<string, string>(), today);

        /// <summary>Sets (or with null JSON, empties) a path, re-evaluates, then empties what clear-on-hide drops.</summary>
        public void Set(string path, string? json)
        {
            var normalized = json is null ? null : model.CheckShape(path, json) is { Ok: true } shape ? shape.NormalizedJson : throw new ArgumentException($"{path}: {json}");
            if (normalized is null)
                _values.Remove(path);
            else
                _values[path] = normalized;
            var reevaluated = model.Reevaluate(Evaluation, _values, path, today);
            AssertSameEvaluation(model.Evaluate(_values, today), reevaluated, $"{path} = {json}");
            Evaluation = reevaluated;
            for (var round = 0; round < 8 && Evaluation.ClearedPaths.Count > 0; round++)
            {
                foreach (var cleared in Evaluation.ClearedPaths)
                    _values.Remove(cleared);
                Evaluation = model.Evaluate(_values, today);
            }
        }
    }

    private static void AssertSameEvaluation(FormEvaluation expected, FormEvaluation actual, string after)
    {
        Assert.True(expected.Fields.SequenceEqual(actual.Fields), $"fields differ after {after}: {Describe(expected.Fields.Except(actual.Fields))}");
        Assert.True(expected.Steps.SequenceEqual(actual.Steps), $"steps differ after {after}");
        Assert.True(expected.ClearedPaths.SequenceEqual(actual.ClearedPaths), $"cleared paths differ after {after}");
        Assert.True(expected.Complete == actual.Complete, $"complete differs after {after}");
    }

    private static string Describe(IEnumerable<FieldEvaluation> fields) => string.Join("; ", fields);

    private static string Json(string text) => JsonSerializer.Serialize(text);

    /// <summary>Each test case of a shipped definition: its day and its values in document order (JSON text).</summary>
    private static List<(DateOnly Today, List<(string Path, string? Json)> Edits)> TestCases(string name)
    {
        using var document = JsonDocument.Parse(ShippedFormDefinitions.Document(name));
        var cases = new List<(DateOnly, List<(string, string?)>)>();
        foreach (var testCase in document.RootElement.GetProperty("testCases").EnumerateArray())
        {
            var today = DateOnly.ParseExact(testCase.GetProperty("today").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var edits = testCase.GetProperty("values").EnumerateObject().Select(p => (p.Name, (string?)p.Value.GetRawText())).ToList();
            cases.Add((today, edits));
        }
        return cases;
    }
}
