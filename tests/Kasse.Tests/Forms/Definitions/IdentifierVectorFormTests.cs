using Kasse.Forms;
using static Kasse.Tests.Forms.Definitions.FormModelsForTests;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>The identifier vectors of DOMAIN.md through the fields of the shipped forms: built-in checks, no expression needed.</summary>
public sealed class IdentifierVectorFormTests
{
    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("DE02120300000000202051")]
    [InlineData("de89370400440532013000")]
    public void A_valid_iban_in_the_sepa_mandate_has_no_error(string iban)
    {
        var model = Shipped(FormNames.SepaMandate);

        var evaluation = model.Evaluate(Values(model, ("iban", $"\"{iban}\"")), Today);

        Assert.Null(evaluation.Field("iban").Error);
    }

    [Theory]
    [InlineData("DE89370400440532013001")]
    [InlineData("DE88370400440532013000")]
    public void An_invalid_iban_in_the_sepa_mandate_is_an_error_in_german_and_english(string iban)
    {
        var model = Shipped(FormNames.SepaMandate);

        var evaluation = model.Evaluate(Values(model, ("iban", $"\"{iban}\"")), Today);

        var error = evaluation.Field("iban").Error;
        Assert.NotNull(error);
        Assert.Contains("IBAN", error.De, StringComparison.Ordinal);
        Assert.Contains("IBAN", error.En!, StringComparison.Ordinal);
        Assert.False(evaluation.Complete);
        Assert.Contains(evaluation.Steps, s => s.StepId == "bankverbindung" && s.HasErrors);
    }

    [Theory]
    [InlineData("36574261809")]
    [InlineData("12345678995")]
    [InlineData("365 742 618 09")]
    public void A_valid_steuer_id_has_no_error(string steuerId)
    {
        var model = Shipped(FormNames.SteuerId);

        var evaluation = model.Evaluate(Values(model, ("steuerId", $"\"{steuerId}\"")), Today);

        Assert.Null(evaluation.Field("steuerId").Error);
    }

    [Theory]
    [InlineData("36574261890")] // check digit
    [InlineData("36554266806")] // repetition
    [InlineData("11145678901")] // triple in a row
    [InlineData("01234567890")] // leading 0
    public void An_invalid_steuer_id_is_an_error(string steuerId)
    {
        var model = Shipped(FormNames.SteuerId);

        var evaluation = model.Evaluate(Values(model, ("steuerId", $"\"{steuerId}\"")), Today);

        Assert.Contains("Steuer-ID", evaluation.Field("steuerId").Error?.De, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A123456780")]
    [InlineData("T012345678")]
    [InlineData("z987654321")]
    public void A_valid_kvnr_has_no_error(string kvnr)
    {
        var model = Shipped(FormNames.SteuerId);

        var evaluation = model.Evaluate(Values(model, ("kvnr", $"\"{kvnr}\"")), Today);

        Assert.Null(evaluation.Field("kvnr").Error);
    }

    [Theory]
    [InlineData("A123456789")]
    [InlineData("G995030567")]
    public void An_invalid_kvnr_is_an_error(string kvnr)
    {
        var model = Shipped(FormNames.SteuerId);

        var evaluation = model.Evaluate(Values(model, ("kvnr", $"\"{kvnr}\"")), Today);

        Assert.Contains("Krankenversichertennummer", evaluation.Field("kvnr").Error?.De, StringComparison.Ordinal);
    }

    [Fact]
    public void The_steuer_id_form_is_complete_only_with_valid_numbers_and_the_confirmation()
    {
        var model = Shipped(FormNames.SteuerId);

        var missing = model.Evaluate(Values(model, ("kvnr", "\"A123456780\""), ("steuerId", "\"36574261809\"")), Today);
        var complete = model.Evaluate(Values(model, ("kvnr", "\"A123456780\""), ("steuerId", "\"36574261809\""), ("bestaetigung", "true")), Today);

        Assert.False(missing.Complete);
        Assert.True(missing.Field("bestaetigung").Required);
        Assert.Null(missing.Field("bestaetigung").Error); // an empty required field is incomplete, not an error
        Assert.True(complete.Complete);
        Assert.False(model.Review(Values(model, ("kvnr", "\"A123456780\"")), Today).ClerkMustLook);
    }
}
