namespace Kasse.Tests.Identifiers;

/// <summary>The vector of ../shared/DOMAIN.md and variations of it.</summary>
public sealed class GlaeubigerIdTests
{
    [Theory]
    [InlineData("DE98ZZZ09999999999")]
    [InlineData("de98zzz09999999999")]
    [InlineData("DE98 ZZZ 09999999999")]
    [InlineData("DE98ABC09999999999")] // the business code is not part of the check
    public void Valid_glaeubiger_id_is_accepted(string id) => Assert.True(GlaeubigerId.IsValid(id));

    [Theory]
    [InlineData("DE97ZZZ09999999999")] // check digits
    [InlineData("DE98ZZZ09999999998")] // national id
    [InlineData("DE98ZZZ0999999999")]  // 17 characters
    [InlineData("DE98ZZZ099999999990")] // 19 characters
    [InlineData("AT98ZZZ09999999999")] // not German
    [InlineData("DE98ZZ-09999999999")]
    [InlineData("DE89370400440532013000")] // an IBAN
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_glaeubiger_id_is_rejected(string? id) => Assert.False(GlaeubigerId.IsValid(id));
}
