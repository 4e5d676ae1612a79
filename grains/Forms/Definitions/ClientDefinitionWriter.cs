using System.Text.Json;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// The definition as clients get it (docs/forms.md, "Client definition"): name, version, titles, steps, sections and
/// per field its id, type, texts, options and limits — never an expression, a validation or the review, so nothing of
/// the rules travels to a browser. Written once per compiled version.
/// </summary>
internal static class ClientDefinitionWriter
{
    private static readonly string[] FileTypes = ["application/pdf", "image/jpeg", "image/png"];

    public static string Write(FormDefinition definition, int version, IReadOnlyDictionary<string, FormFieldNode> nodes) =>
        FormJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", definition.Name);
            writer.WriteNumber("version", version);
            Text(writer, "title", definition.Title);
            Text(writer, "description", definition.Description);
            writer.WriteStartArray("steps");
            foreach (var step in definition.Steps)
            {
                writer.WriteStartObject();
                writer.WriteString("id", step.Id);
                Text(writer, "title", step.Title);
                writer.WriteStartArray("sections");
                foreach (var section in step.Sections)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", section.Id);
                    Text(writer, "title", section.Title);
                    Fields(writer, section.Fields, nodes);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static void Fields(Utf8JsonWriter writer, IReadOnlyList<FormFieldDefinition> fields, IReadOnlyDictionary<string, FormFieldNode> nodes)
    {
        writer.WriteStartArray("fields");
        foreach (var field in fields)
        {
            writer.WriteStartObject();
            writer.WriteString("id", field.Id);
            writer.WriteString("type", FormFieldTypes.NameOf(field.Type));
            Text(writer, "label", field.Label);
            Text(writer, "help", field.Help);
            writer.WriteBoolean("sensitive", field.Sensitive);
            switch (field.Type)
            {
                case FormFieldType.Choice:
                    writer.WriteStartArray("options");
                    foreach (var option in field.Options)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("value", option.Value);
                        Text(writer, "label", option.Label);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    break;
                case FormFieldType.Text:
                    writer.WriteNumber("maxLength", nodes[field.Id].MaxLength);
                    writer.WriteBoolean("multiline", field.Multiline);
                    break;
                case FormFieldType.Number:
                    if (field.Min is { } min)
                        writer.WriteNumber("min", min);
                    if (field.Max is { } max)
                        writer.WriteNumber("max", max);
                    break;
                case FormFieldType.Consent:
                    Text(writer, "consentText", field.ConsentText);
                    break;
                case FormFieldType.File:
                    writer.WriteStartArray("accept");
                    foreach (var type in FileTypes)
                        writer.WriteStringValue(type);
                    writer.WriteEndArray();
                    break;
                case FormFieldType.RepeatingGroup:
                    Fields(writer, field.Fields, nodes);
                    writer.WriteNumber("minRows", field.MinRows);
                    writer.WriteNumber("maxRows", nodes[field.Id].MaxRows);
                    Text(writer, "addLabel", field.AddLabel);
                    break;
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void Text(Utf8JsonWriter writer, string name, LocalizedText? text)
    {
        if (text is null)
            return;
        writer.WriteStartObject(name);
        writer.WriteString("de", text.De);
        if (text.En is not null)
            writer.WriteString("en", text.En);
        writer.WriteEndObject();
    }
}
