using Kasse.Forms;
using static Kasse.Tests.Forms.Definitions.FormModelsForTests;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>Hidden fields lose their values, to a fixpoint: a field hidden because another was hidden goes too.</summary>
public sealed class ClearOnHideTests
{
    [Fact]
    public void Answering_no_clears_the_dependent_third_party_fields()
    {
        var model = Shipped(FormNames.Accident);
        var values = Values(model, ("dritterBeteiligt", "false"), ("dritterName", "\"Max Muster\""), ("dritterVersicherung", "\"HUK\""));

        var evaluation = model.Evaluate(values, Today);

        Assert.Equal(["dritterName", "dritterVersicherung"], evaluation.ClearedPaths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Hiding_a_yes_no_question_also_clears_the_fields_that_depend_on_it()
    {
        var model = Compile("""
            [ { "id": "a", "type": "yesNo", "label": { "de": "A" } },
              { "id": "c", "type": "text", "label": { "de": "C" }, "visibleIf": "Bool(\"b\")" },
              { "id": "b", "type": "yesNo", "label": { "de": "B" }, "visibleIf": "Bool(\"a\")" },
              { "id": "d", "type": "text", "label": { "de": "D" }, "visibleIf": "IsSet(\"c\")" } ]
            """);
        var values = Values(model, ("a", "false"), ("b", "true"), ("c", "\"x\""), ("d", "\"y\""));

        var evaluation = model.Evaluate(values, Today);

        Assert.Equal(["b", "c", "d"], evaluation.ClearedPaths.Order(StringComparer.Ordinal));
        Assert.All(["b", "c", "d"], path => Assert.False(evaluation.Field(path).Visible));
        Assert.Empty(model.Evaluate(Values(model, ("a", "true"), ("b", "true"), ("c", "\"x\""), ("d", "\"y\"")), Today).ClearedPaths);
    }

    [Fact]
    public void Answering_no_witnesses_clears_the_group_and_every_row_field()
    {
        var model = Shipped(FormNames.Accident);
        var values = Values(model,
            ("zeugenVorhanden", "false"), ("zeugen", "[\"z1\",\"z2\"]"),
            ("zeugen[z1].zeugeName", "\"Anna\""), ("zeugen[z2].zeugeName", "\"Ben\""), ("zeugen[z2].zeugeTelefon", "\"0221 123456\""));

        var evaluation = model.Evaluate(values, Today);

        Assert.Equal(
            ["zeugen", "zeugen[z1].zeugeName", "zeugen[z2].zeugeName", "zeugen[z2].zeugeTelefon"],
            evaluation.ClearedPaths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_field_with_clear_on_hide_off_keeps_its_value_while_hidden()
    {
        var model = Compile("""
            [ { "id": "a", "type": "yesNo", "label": { "de": "A" } },
              { "id": "b", "type": "text", "label": { "de": "B" }, "visibleIf": "Bool(\"a\")", "clearOnHide": false } ]
            """);

        var evaluation = model.Evaluate(Values(model, ("a", "false"), ("b", "\"bleibt\"")), Today);

        Assert.Empty(evaluation.ClearedPaths);
        Assert.False(evaluation.Field("b").Visible);
    }

    [Fact]
    public void Answers_leave_out_hidden_values_and_format_for_the_control_document()
    {
        var model = Shipped(FormNames.SepaMandate);
        var values = Values(model,
            ("kontoinhaberName", "\"Erika Mustermann\""),
            ("kontoinhaberAdresse", """{"street":"Heidestraße","houseNumber":"17","postalCode":"51147","city":"Köln"}"""),
            ("iban", "\"de89370400440532013000\""), ("bic", "\"COBADEFFXXX\""), ("zahlungsart", "\"wiederkehrend\""),
            ("mandatErteilt", "true"), ("ort", "\"Köln\""), ("datum", "\"2026-11-23\""));

        var answers = model.Answers(values, Today).ToDictionary(a => a.Label.De, a => a.Value);

        Assert.Equal("DE89 3704 0044 0532 0130 00", answers["IBAN"]);
        Assert.False(answers.ContainsKey("BIC")); // a German IBAN needs none: hidden, so not an answer
        Assert.Equal("Heidestraße 17, 51147 Köln", answers["Anschrift"]);
        Assert.Equal("Wiederkehrende Zahlungen", answers["Art der Zahlung"]);
        Assert.Equal("23.11.2026", answers["Datum"]);
        Assert.Equal("Ja, zugestimmt", answers["SEPA-Lastschriftmandat"]);
        Assert.Equal("Bankverbindung", model.Answers(values, Today).Single(a => a.Label.De == "IBAN").Step.De);
    }
}
