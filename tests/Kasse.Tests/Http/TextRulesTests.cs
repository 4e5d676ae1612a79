using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kasse.Web.Validation;

namespace Kasse.Tests.Http;

/// <summary>What counts as acceptable text, and that every string of a typed request body is held to it.</summary>
public sealed class TextRulesTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(JsonTextGuard.CheckStringsAfterReading),
        Converters = { new CheckedJsonElementConverter() },
    };

    [Theory]
    [InlineData("Grüße aus Görlitz", true)]
    [InlineData("Zeile 1\r\nZeile 2\tTab", true)]
    [InlineData("Emoji \ud83d\ude00", true)]
    [InlineData("NUL \0", false)]
    [InlineData("Klingel \u0007", false)]
    [InlineData("C1 \u0085", false)]
    [InlineData("DEL \u007f", false)]
    public void Text_is_clean_without_control_characters_other_than_tab_cr_lf_and_without_unpaired_surrogates(string text, bool clean) =>
        Assert.Equal(clean, TextRules.IsClean(text));

    [Fact]
    public void Unpaired_surrogates_are_not_clean_text()
    {
        // Built in code: attribute arguments cannot carry unpaired surrogates.
        Assert.False(TextRules.IsClean("allein " + (char)0xD800));
        Assert.False(TextRules.IsClean("allein " + (char)0xD800 + "x"));
        Assert.False(TextRules.IsClean("verkehrt " + (char)0xDE00 + (char)0xD83D));
    }

    [Theory]
    [InlineData("{\"name\":\"a\\u0000\",\"tags\":[],\"extra\":{}}", "name")]
    [InlineData("{\"name\":\"a\",\"tags\":[\"ok\",\"b\\u0001\"],\"extra\":{}}", "tags")]
    [InlineData("{\"name\":\"a\",\"tags\":[],\"extra\":{\"list\":[\"\\ud800\"]}}", "$.list[0]")]
    public void Every_string_of_a_body_is_checked_and_the_refusal_names_the_field(string json, string field)
    {
        var refused = Assert.Throws<InvalidTextException>(() => JsonSerializer.Deserialize<Body>(json, Options));
        Assert.Contains($"„{field}“", refused.Message, StringComparison.Ordinal);
        Assert.Equal("INVALID_TEXT", refused.Code);
    }

    private sealed record Body(string Name, IReadOnlyList<string> Tags, JsonElement Extra);
}
