using Kasse.Grains.Forms.Sessions;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>The three shapes of a value path, and what is none of them.</summary>
public sealed class FormPathTests
{
    [Fact]
    public void A_plain_field_path_is_a_field_of_no_group()
    {
        Assert.Equal(new FormPath("dritterName", null, null, "dritterName"), FormPath.Parse("dritterName"));
        Assert.Equal(new FormPath("a-b_9", null, null, "a-b_9"), FormPath.Parse("a-b_9"));
    }

    [Fact]
    public void Rows_and_row_fields_name_their_group_and_row()
    {
        Assert.Equal(new FormPath("zeugen[r1]", "zeugen", "r1", null), FormPath.Parse("zeugen[r1]"));
        Assert.Equal(new FormPath("zeugen[r1].name", "zeugen", "r1", "name"), FormPath.Parse("zeugen[r1].name"));
        Assert.True(FormPath.Parse("zeugen[r1]")!.IsRow);
        Assert.True(FormPath.Parse("zeugen[r1].name")!.IsRowField);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("feld name")]
    [InlineData("feld.")]
    [InlineData("zeugen[]")]
    [InlineData("zeugen[r1]name")]
    [InlineData("ä")]
    public void Anything_else_is_no_path(string? path) => Assert.Null(FormPath.Parse(path));

    [Fact]
    public void A_field_id_is_at_most_64_characters()
    {
        Assert.NotNull(FormPath.Parse(new string('a', 64)));
        Assert.Null(FormPath.Parse(new string('a', 65)));
    }
}
