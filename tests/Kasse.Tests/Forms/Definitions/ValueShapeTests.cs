using Kasse.Forms;
using static Kasse.Tests.Forms.Definitions.FormModelsForTests;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>CheckShape: the JSON shape per field type, and the stored (normalised) form of a value.</summary>
public sealed class ValueShapeTests
{
    [Theory]
    [InlineData(FormNames.SepaMandate, "iban", "\" de89 3704 0044 0532 0130 00 \"", "\"DE89370400440532013000\"")]
    [InlineData(FormNames.SteuerId, "kvnr", "\"a 123456780\"", "\"A123456780\"")]
    [InlineData(FormNames.SteuerId, "steuerId", "\"36 574/261-809\"", "\"36574261809\"")]
    [InlineData(FormNames.SepaMandate, "datum", "\"1.2.2026\"", "\"2026-02-01\"")]
    [InlineData(FormNames.SepaMandate, "datum", "\"2026-02-01\"", "\"2026-02-01\"")]
    [InlineData(FormNames.SepaMandate, "kontoinhaberName", "\"  Jürgen Groß  \"", "\"Jürgen Groß\"")]
    [InlineData(FormNames.SepaMandate, "kontoinhaberName", "\"   \"", null)]
    [InlineData(FormNames.SepaMandate, "mandatErteilt", "false", null)]
    [InlineData(FormNames.Accident, "dritterBeteiligt", "false", "false")]
    [InlineData(FormNames.SepaMandate, "kontoinhaberAdresse", """{"city":" Köln ","street":"Weg","postalCode":"51147"}""", """{"street":"Weg","postalCode":"51147","city":"Köln"}""")]
    [InlineData(FormNames.Accident, "unterlagen", """{"fileId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","fileName":"bericht.pdf","contentType":"application/pdf","size":1234}""",
        """{"fileId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","fileName":"bericht.pdf","contentType":"application/pdf","size":1234}""")]
    public void A_value_is_stored_normalised(string form, string path, string json, string? expected)
    {
        var check = Shipped(form).CheckShape(path, json);

        Assert.True(check.Ok, check.Message);
        Assert.Equal(expected, check.NormalizedJson);
    }

    [Theory]
    [InlineData(FormNames.SepaMandate, "kontoinhaberName", "42")]
    [InlineData(FormNames.SepaMandate, "kontoinhaberName", "{\"a\":1}")]
    [InlineData(FormNames.Accident, "dritterBeteiligt", "\"ja\"")]
    [InlineData(FormNames.SepaMandate, "mandatErteilt", "\"true\"")]
    [InlineData(FormNames.SepaMandate, "kontoinhaberAdresse", """{"land":"DE"}""")]
    [InlineData(FormNames.Accident, "unterlagen", """{"fileId":"x","fileName":"a.exe","contentType":"application/x-msdownload","size":1}""")]
    [InlineData(FormNames.Accident, "zeugen", "[\"a b\"]")]
    [InlineData(FormNames.Accident, "zeugen", "\"z1\"")]
    [InlineData(FormNames.SepaMandate, "kontoinhaberName", "not json")]
    [InlineData(FormNames.SepaMandate, "gibtsNicht", "\"x\"")]
    public void A_value_of_the_wrong_shape_is_refused(string form, string path, string json) =>
        Assert.False(Shipped(form).CheckShape(path, json).Ok);

    [Fact]
    public void Text_is_bounded_by_the_hard_maximum_and_the_field_maximum_is_an_error()
    {
        var model = Shipped(FormNames.SepaMandate);
        var seventyOne = new string('x', 71);

        Assert.False(model.CheckShape("kontoinhaberName", $"\"{new string('x', FormErrors.MaxTextLength + 1)}\"").Ok);
        var values = Values(model, ("kontoinhaberName", $"\"{seventyOne}\""));
        Assert.Equal("Bitte höchstens 70 Zeichen.", model.Evaluate(values, Today).Field("kontoinhaberName").Error?.De);
    }

    [Fact]
    public void A_number_is_a_json_number_and_answers_show_it_in_german_format()
    {
        var model = Compile("""[ { "id": "betrag", "type": "number", "label": { "de": "Betrag" } } ]""");

        Assert.False(model.CheckShape("betrag", "\"12,5\"").Ok);
        var values = Values(model, ("betrag", "1234.5"));
        Assert.Equal("1.234,5", model.Answers(values, Today).Single().Value);
    }
}
