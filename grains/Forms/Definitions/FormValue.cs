namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// One stored value decoded once per evaluation for its field's type, so expressions read typed data without parsing
/// JSON again. <c>Path</c> is the key it had in the values (reported back when clear-on-hide drops it).
/// </summary>
internal sealed class FormValue(string path)
{
    public string Path { get; } = path;

    /// <summary>The JSON did not have the shape of the field's type (cannot happen for values that passed CheckShape).</summary>
    public bool Malformed { get; set; }

    /// <summary>Dropped by clear-on-hide during this evaluation: reads as empty from then on.</summary>
    public bool Cleared { get; set; }

    /// <summary>The value as text: strings as they are, numbers invariant, dates as written (YYYY-MM-DD), yes/no "true"/"false".</summary>
    public string Text { get; set; } = "";

    public decimal Number { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>Text is a real calendar date (YYYY-MM-DD).</summary>
    public bool IsDate { get; set; }

    public bool Bool { get; set; }

    /// <summary>The value of a repeating group (its row ids).</summary>
    public bool IsRows { get; set; }

    /// <summary>A repeating group's row ids, in order.</summary>
    public IReadOnlyList<string> Rows { get; set; } = [];

    public string? Street { get; set; }

    public string? HouseNumber { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    /// <summary>A file field's original file name.</summary>
    public string? FileName { get; set; }

    /// <summary>An address part by name (<c>street</c>, <c>houseNumber</c>, <c>postalCode</c>, <c>city</c>); null when unknown or empty.</summary>
    public string? Part(ReadOnlySpan<char> name) => name switch
    {
        "street" => Street,
        "houseNumber" => HouseNumber,
        "postalCode" => PostalCode,
        "city" => City,
        "fileName" => FileName,
        _ => null,
    };
}
