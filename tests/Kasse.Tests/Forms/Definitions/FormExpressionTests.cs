using Kasse.Forms;
using static Kasse.Tests.Forms.Definitions.FormModelsForTests;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>visibleIf, requiredIf, enabledIf and validation rules decide on the server, from the values and the given day.</summary>
public sealed class FormExpressionTests
{
    [Fact]
    public void The_bic_is_asked_only_for_a_valid_iban_outside_germany()
    {
        var model = Shipped(FormNames.SepaMandate);

        var none = model.Evaluate(Values(model), Today);
        var german = model.Evaluate(Values(model, ("iban", "\"DE89370400440532013000\"")), Today);
        var french = model.Evaluate(Values(model, ("iban", "\"FR14 2004 1010 0505 0001 3M02 606\"")), Today);

        Assert.False(none.Field("bic").Visible);
        Assert.False(german.Field("bic").Visible);
        Assert.False(german.Field("bic").Required);
        Assert.True(french.Field("bic").Visible);
        Assert.True(french.Field("bic").Required);
    }

    [Fact]
    public void A_validation_rule_shows_its_message_when_the_value_breaks_it()
    {
        var model = Shipped(FormNames.SepaMandate);
        var values = Values(model, ("iban", "\"FR1420041010050500013M02606\""), ("bic", "\"BN!\""));

        var error = model.Evaluate(values, Today).Field("bic").Error;

        Assert.Equal("Eine BIC hat 8 oder 11 Zeichen, zum Beispiel BNPAFRPPXXX.", error?.De);
        Assert.Null(model.Evaluate(Values(model, ("iban", "\"FR1420041010050500013M02606\""), ("bic", "\"BNPAFRPPXXX\"")), Today).Field("bic").Error);
    }

    [Fact]
    public void An_accident_date_in_the_future_is_an_error_judged_by_the_given_day()
    {
        var model = Shipped(FormNames.Accident);
        var values = Values(model, ("unfallDatum", "\"24.12.2026\""));

        Assert.Equal("2026-12-24", values["unfallDatum"].Trim('"'));
        Assert.Equal("Das Unfalldatum darf nicht in der Zukunft liegen.", model.Evaluate(values, Today).Field("unfallDatum").Error?.De);
        Assert.Null(model.Evaluate(values, new DateOnly(2026, 12, 24)).Field("unfallDatum").Error);
    }

    [Fact]
    public void Required_if_makes_the_exact_place_required_for_a_road_accident_only()
    {
        var model = Shipped(FormNames.Accident);

        var road = model.Evaluate(Values(model, ("unfallOrt", "\"verkehr\"")), Today);
        var home = model.Evaluate(Values(model, ("unfallOrt", "\"haushalt\"")), Today);

        Assert.True(road.Field("unfallOrtBeschreibung").Required);
        Assert.False(home.Field("unfallOrtBeschreibung").Required);
        Assert.True(home.Field("unfallOrtBeschreibung").Visible);
    }

    [Fact]
    public void Enabled_if_false_keeps_a_prefilled_field_visible_but_not_editable_and_never_required()
    {
        var model = Shipped(FormNames.SepaMandate);

        var prefilled = model.Evaluate(Values(model, ("mandatsreferenz", "\"M-2026-000123\"")), Today).Field("mandatsreferenz");
        var empty = model.Evaluate(Values(model), Today).Field("mandatsreferenz");

        Assert.True(prefilled.Visible);
        Assert.False(prefilled.Enabled);
        Assert.False(prefilled.Required);
        Assert.False(empty.Visible);
    }

    [Fact]
    public void A_choice_outside_the_options_is_an_error()
    {
        var model = Shipped(FormNames.Accident);

        Assert.NotNull(model.Evaluate(Values(model, ("unfallOrt", "\"mond\"")), Today).Field("unfallOrt").Error);
    }

    [Fact]
    public void Address_parts_are_readable_in_expressions_and_the_postal_code_is_checked()
    {
        var model = Compile("""
            [ { "id": "adresse", "type": "address", "label": { "de": "Anschrift" } },
              { "id": "hinweis", "type": "text", "label": { "de": "Hinweis" }, "visibleIf": "RuleFunctions.StartsWith(Text(\"adresse.postalCode\"), \"0\")" } ]
            """);

        var dresden = model.Evaluate(Values(model, ("adresse", """{"street":"Schloßstraße","houseNumber":"1","postalCode":"01067","city":"Dresden"}""")), Today);
        var broken = model.Evaluate(Values(model, ("adresse", """{"street":"Weg","postalCode":"1067","city":"Dresden"}""")), Today);

        Assert.True(dresden.Field("hinweis").Visible);
        Assert.Null(dresden.Field("adresse").Error);
        Assert.Equal("Die Postleitzahl hat 5 Ziffern.", broken.Field("adresse").Error?.De);
    }

    [Fact]
    public void Numbers_are_checked_against_min_and_max()
    {
        var model = Compile("""[ { "id": "betrag", "type": "number", "label": { "de": "Betrag" }, "min": 0, "max": 1000, "validations": [ { "rule": "Number(\"betrag\") != 13", "message": { "de": "Nicht 13." } } ] } ]""");

        Assert.NotNull(model.Evaluate(Values(model, ("betrag", "1000.5")), Today).Field("betrag").Error);
        Assert.Equal("Nicht 13.", model.Evaluate(Values(model, ("betrag", "13")), Today).Field("betrag").Error?.De);
        Assert.Null(model.Evaluate(Values(model, ("betrag", "999.99")), Today).Field("betrag").Error);
    }

    [Fact]
    public void A_field_that_is_hidden_is_never_required_and_has_no_error()
    {
        var model = Shipped(FormNames.Accident);
        // A hidden field keeps no value (clear-on-hide), but even one that is evaluated before clearing shows nothing.
        var values = Values(model, ("dritterBeteiligt", "false"));

        var third = model.Evaluate(values, Today).Field("dritterName");

        Assert.False(third.Visible);
        Assert.False(third.Required);
        Assert.Null(third.Error);
    }

    [Fact]
    public void A_step_is_visible_while_any_of_its_fields_is()
    {
        var model = Compile("""[ { "id": "a", "type": "yesNo", "label": { "de": "A" }, "visibleIf": "false" } ]""");

        Assert.False(model.Evaluate(Values(model), Today).Steps.Single().Visible);
        Assert.True(Shipped(FormNames.Accident).Evaluate(new Dictionary<string, string>(), Today).Steps.All(s => s.Visible));
    }
}
