using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>The definitions the product ships (embedded <c>Forms/Definitions/&lt;name&gt;.json</c>), published as version 1 on first start.</summary>
public static class ShippedFormDefinitions
{
    public static IReadOnlyList<string> Names => FormNames.Shipped;

    public static string Document(string name)
    {
        var resource = $"Kasse.Grains.Forms.Definitions.{name}.json";
        using var stream = typeof(ShippedFormDefinitions).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"shipped form definition {resource} missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
