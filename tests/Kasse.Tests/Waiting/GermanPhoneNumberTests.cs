namespace Kasse.Tests.Waiting;

/// <summary>German phone numbers as people type them, normalised to E.164; anything else refused.</summary>
public sealed class GermanPhoneNumberTests
{
    [Theory]
    [InlineData("030 1234567", "+49301234567")]
    [InlineData("030/123 45 67", "+49301234567")]
    [InlineData("(030) 1234-567", "+49301234567")]
    [InlineData("+49 30 1234567", "+49301234567")]
    [InlineData("+49 (0)30 1234567", "+49301234567")]
    [InlineData("0049 30 1234567", "+49301234567")]
    [InlineData("0171 1234567", "+491711234567")]
    [InlineData("+49 171 12345678", "+4917112345678")]
    [InlineData("089.12345", "+498912345")]
    public void Usual_german_notations_are_accepted_and_normalised(string input, string e164) =>
        Assert.Equal(e164, GermanPhoneNumber.Normalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("1234567")]
    [InlineData("0030 1234567")]
    [InlineData("+43 1 234567")]
    [InlineData("00 1234567")]
    [InlineData("030 12")]
    [InlineData("030 1234567 ext 5")]
    [InlineData("0301234567890123")]
    [InlineData("+49 030 1234567")]
    [InlineData(null)]
    public void Other_text_is_not_a_german_phone_number(string? input) =>
        Assert.Null(GermanPhoneNumber.Normalize(input));
}
