using Kasse.Forms;
using Kasse.Grains.Forms;
using static Kasse.Tests.Forms.Definitions.FormModelsForTests;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>Repeating groups: rows by client-chosen ids, row fields evaluated per row in order, row-scoped expressions.</summary>
public sealed class RepeatingGroupTests
{
    [Fact]
    public void Every_present_row_is_evaluated_in_row_order_after_its_group()
    {
        var model = Shipped(FormNames.Accident);
        var values = Values(model, ("zeugenVorhanden", "true"), ("zeugen", "[\"b\",\"a\"]"), ("zeugen[a].zeugeName", "\"Anna\""));

        var paths = model.Evaluate(values, Today).Fields.Select(f => f.Path).ToList();

        var group = paths.IndexOf("zeugen");
        Assert.Equal(["zeugen", "zeugen[b].zeugeName", "zeugen[b].zeugeTelefon", "zeugen[a].zeugeName", "zeugen[a].zeugeTelefon"], paths.Skip(group).Take(5));
    }

    [Fact]
    public void A_visible_group_needs_its_minimum_rows_and_each_row_its_required_fields()
    {
        var model = Shipped(FormNames.Accident);

        var noRows = model.Evaluate(Values(model, ("zeugenVorhanden", "true")), Today);
        var emptyRow = model.Evaluate(Values(model, ("zeugenVorhanden", "true"), ("zeugen", "[\"z1\"]")), Today);

        Assert.True(noRows.Field("zeugen").Visible);
        Assert.True(noRows.Field("zeugen").Required);
        Assert.True(emptyRow.Field("zeugen[z1].zeugeName").Required);
        Assert.False(emptyRow.Field("zeugen[z1].zeugeTelefon").Required);
        Assert.NotNull(model.Evaluate(Values(model, ("zeugenVorhanden", "true"), ("zeugen", "[\"z1\"]"), ("zeugen[z1].zeugeTelefon", "\"abc\"")), Today)
            .Field("zeugen[z1].zeugeTelefon").Error);
    }

    [Fact]
    public void Inside_a_row_the_group_field_ids_mean_that_rows_fields()
    {
        var model = Compile("""
            [ { "id": "personen", "type": "repeatingGroup", "label": { "de": "Person" }, "maxRows": 3, "fields": [
                { "id": "name", "type": "text", "label": { "de": "Name" } },
                { "id": "telefon", "type": "text", "label": { "de": "Telefon" }, "visibleIf": "IsSet(\"name\")" } ] },
              { "id": "viele", "type": "text", "label": { "de": "Viele" }, "visibleIf": "Count(\"personen\") >= 2" } ]
            """);
        var values = Values(model, ("personen", "[\"r1\",\"r2\"]"), ("personen[r1].name", "\"Anna\""), ("personen[r2].telefon", "\"0221 1\""));

        var evaluation = model.Evaluate(values, Today);

        Assert.True(evaluation.Field("personen[r1].telefon").Visible);
        Assert.False(evaluation.Field("personen[r2].telefon").Visible);
        Assert.Equal(["personen[r2].telefon"], evaluation.ClearedPaths);
        Assert.True(evaluation.Field("viele").Visible);
    }

    [Fact]
    public void Paths_describe_groups_rows_and_row_fields_and_refuse_what_is_not_there()
    {
        var model = Shipped(FormNames.Accident);

        Assert.Equal(new FormFieldInfo("zeugen", "zeugen", null, null, FormFieldType.RepeatingGroup, false, 5), model.Describe("zeugen"));
        Assert.Equal(new FormFieldInfo("zeugen[r-1]", "zeugen", "zeugen", "r-1", FormFieldType.RepeatingGroup, false, 5), model.Describe("zeugen[r-1]"));
        Assert.Equal(new FormFieldInfo("zeugen[r-1].zeugeName", "zeugeName", "zeugen", "r-1", FormFieldType.Text, false, 0), model.Describe("zeugen[r-1].zeugeName"));
        Assert.Null(model.Describe("zeugeName"));
        Assert.Null(model.Describe("zeugen[r 1].zeugeName"));
        Assert.Null(model.Describe("zeugen[r1].gibtsNicht"));
        Assert.Null(model.Describe("dritterName[r1].zeugeName"));
        Assert.Null(model.Describe("gibtsNicht"));
    }

    [Fact]
    public void More_rows_than_the_group_allows_are_refused_by_the_shape_check()
    {
        var model = Shipped(FormNames.Accident);

        Assert.False(model.CheckShape("zeugen", "[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]").Ok);
        Assert.False(model.CheckShape("zeugen", "[\"1\",\"1\"]").Ok);
        Assert.True(model.CheckShape("zeugen", "[\"1\",\"2\",\"3\",\"4\",\"5\"]").Ok);
    }

    [Fact]
    public void Rows_of_a_witness_list_are_numbered_in_the_answers()
    {
        var model = Shipped(FormNames.Accident);
        var values = Values(model, ("zeugenVorhanden", "true"), ("zeugen", "[\"x\",\"y\"]"), ("zeugen[x].zeugeName", "\"Anna\""), ("zeugen[y].zeugeName", "\"Ben\""));

        var answers = model.Answers(values, Today);

        Assert.Contains(answers, a => a.Label.De == "Zeuge 1: Name" && a.Value == "Anna" && a.Label.En == "Witness 1: Name");
        Assert.Contains(answers, a => a.Label.De == "Zeuge 2: Name" && a.Value == "Ben");
    }
}
