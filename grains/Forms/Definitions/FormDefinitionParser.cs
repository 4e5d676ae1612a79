using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// Reads a definition document strictly: every property must be one the format knows, every field type one of
/// <see cref="FormFieldTypes"/>, ids unique in the whole form, German labels present, options only on choices, groups
/// never inside groups. Collects every problem with its location (<c>steps[1].sections[0].fields[3].label.de</c>)
/// instead of stopping at the first. Expressions are only read here; <see cref="FormModelCompiler"/> compiles them.
/// </summary>
public static partial class FormDefinitionParser
{
    /// <summary>Largest document accepted (characters); the admin API's body limit is about the same.</summary>
    public const int MaxDocumentLength = 1024 * 1024;

    /// <summary>Most rows a group may declare when its document says nothing.</summary>
    public const int DefaultMaxRows = 10;

    private static readonly string[] RootProperties = ["name", "title", "description", "review", "steps", "testCases"];
    private static readonly string[] StepProperties = ["id", "title", "sections"];
    private static readonly string[] SectionProperties = ["id", "title", "fields"];
    private static readonly string[] FieldProperties =
    [
        "id", "type", "label", "help", "required", "visibleIf", "requiredIf", "enabledIf", "clearOnHide", "sensitive",
        "validations", "options", "maxLength", "multiline", "min", "max", "fields", "minRows", "maxRows", "addLabel", "consentText",
    ];
    private static readonly string[] ReviewProperties = ["clerkIf", "topic", "skills", "priority"];
    private static readonly string[] TestCaseProperties = ["name", "today", "values", "complete", "clerk"];

    /// <summary>The parsed definition, or null when it is too broken to use; <paramref name="problems"/> gets every problem.</summary>
    public static FormDefinition? Parse(string json, List<FormDefinitionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxDocumentLength)
        {
            problems.Add(new FormDefinitionProblem("", $"Das Dokument ist länger als {MaxDocumentLength} Zeichen."));
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            problems.Add(new FormDefinitionProblem("", $"Das Dokument ist kein gültiges JSON: {e.Message}"));
            return null;
        }
        using (document)
        {
            var reader = new Reader(problems);
            return reader.Root(document.RootElement);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    internal static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    internal static partial Regex IdPattern();

    private sealed class Reader(List<FormDefinitionProblem> problems)
    {
        private readonly HashSet<string> _fieldIds = new(StringComparer.Ordinal);

        public FormDefinition? Root(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("", "Das Dokument muss ein JSON-Objekt sein.");
                return null;
            }
            Known(root, "", RootProperties);
            var name = String(root, "", "name", required: true) ?? "";
            if (name.Length > 0 && !NamePattern().IsMatch(name))
                Problem("name", "Der Name besteht aus 1–64 Kleinbuchstaben, Ziffern und '-'.");
            var title = Text(root, "", "title", required: true);
            var description = Text(root, "", "description", required: false);
            var review = root.TryGetProperty("review", out var r) && r.ValueKind != JsonValueKind.Null ? Review(r) : null;
            var steps = new List<FormStepDefinition>();
            var stepIds = new HashSet<string>(StringComparer.Ordinal);
            if (Array(root, "", "steps", required: true) is { } stepArray)
            {
                var i = 0;
                foreach (var step in stepArray.EnumerateArray())
                {
                    if (Step(step, $"steps[{i}]", stepIds) is { } parsed)
                        steps.Add(parsed);
                    i++;
                }
                if (i == 0)
                    Problem("steps", "Ein Formular braucht mindestens einen Schritt.");
            }
            var testCases = new List<FormDefinitionTestCase>();
            if (Array(root, "", "testCases", required: false) is { } cases)
            {
                var i = 0;
                foreach (var testCase in cases.EnumerateArray())
                {
                    if (TestCase(testCase, $"testCases[{i}]") is { } parsed)
                        testCases.Add(parsed);
                    i++;
                }
            }
            return new FormDefinition(name, title ?? new LocalizedText(name), description, review, steps, testCases);
        }

        private FormStepDefinition? Step(JsonElement step, string at, HashSet<string> stepIds)
        {
            if (!Object(step, at))
                return null;
            Known(step, at, StepProperties);
            var id = Id(step, at, stepIds, "Schritt");
            var title = Text(step, at, "title", required: true);
            var sections = new List<FormSectionDefinition>();
            var sectionIds = new HashSet<string>(StringComparer.Ordinal);
            if (Array(step, at, "sections", required: true) is { } array)
            {
                var i = 0;
                foreach (var section in array.EnumerateArray())
                {
                    if (Section(section, $"{at}.sections[{i}]", sectionIds) is { } parsed)
                        sections.Add(parsed);
                    i++;
                }
                if (i == 0)
                    Problem($"{at}.sections", "Ein Schritt braucht mindestens einen Abschnitt.");
            }
            return new FormStepDefinition(id, title ?? new LocalizedText(id), sections);
        }

        private FormSectionDefinition? Section(JsonElement section, string at, HashSet<string> sectionIds)
        {
            if (!Object(section, at))
                return null;
            Known(section, at, SectionProperties);
            var id = Id(section, at, sectionIds, "Abschnitt");
            var title = Text(section, at, "title", required: false);
            var fields = Fields(section, at, insideGroup: false);
            if (IsEmptyArray(section, "fields"))
                Problem($"{at}.fields", "Ein Abschnitt braucht mindestens ein Feld.");
            return new FormSectionDefinition(id, title, fields);
        }

        private List<FormFieldDefinition> Fields(JsonElement parent, string at, bool insideGroup)
        {
            var fields = new List<FormFieldDefinition>();
            if (Array(parent, at, "fields", required: true) is { } array)
            {
                var i = 0;
                foreach (var field in array.EnumerateArray())
                {
                    if (Field(field, $"{at}.fields[{i}]", insideGroup) is { } parsed)
                        fields.Add(parsed);
                    i++;
                }
            }
            return fields;
        }

        private FormFieldDefinition? Field(JsonElement field, string at, bool insideGroup)
        {
            if (!Object(field, at))
                return null;
            Known(field, at, FieldProperties);
            var id = Id(field, at, _fieldIds, "Feld");
            var typeName = String(field, at, "type", required: true);
            var type = FormFieldType.Text;
            if (typeName is not null && !FormFieldTypes.TryParse(typeName, out type))
            {
                Problem($"{at}.type", $"Unbekannter Feldtyp '{typeName}'; erlaubt sind: {string.Join(", ", FormFieldTypes.All)}.");
                return null;
            }
            if (typeName is null)
                return null;
            if (insideGroup && type == FormFieldType.RepeatingGroup)
                Problem($"{at}.type", "Eine wiederholbare Gruppe darf keine wiederholbare Gruppe enthalten.");

            var label = Text(field, at, "label", required: true) ?? new LocalizedText(id);
            var help = Text(field, at, "help", required: false);
            var required = Bool(field, at, "required") ?? false;
            var visibleIf = Expression(field, at, "visibleIf");
            var requiredIf = Expression(field, at, "requiredIf");
            var enabledIf = Expression(field, at, "enabledIf");
            var clearOnHide = Bool(field, at, "clearOnHide") ?? true;
            var sensitive = Bool(field, at, "sensitive") ?? false;
            var validations = Validations(field, at);
            var options = OnlyFor(field, at, "options", type, FormFieldType.Choice) ? Options(field, at) : [];
            if (type == FormFieldType.Choice && options.Count == 0)
                Problem($"{at}.options", "Ein Auswahlfeld braucht mindestens eine Option.");
            int? maxLength = null;
            if (OnlyFor(field, at, "maxLength", type, FormFieldType.Text))
                maxLength = Int(field, at, "maxLength", 1, FormErrors.MaxTextLength);
            var multiline = OnlyFor(field, at, "multiline", type, FormFieldType.Text) && (Bool(field, at, "multiline") ?? false);
            decimal? min = OnlyFor(field, at, "min", type, FormFieldType.Number) ? Decimal(field, at, "min") : null;
            decimal? max = OnlyFor(field, at, "max", type, FormFieldType.Number) ? Decimal(field, at, "max") : null;
            if (min > max)
                Problem($"{at}.min", "min ist größer als max.");
            var consentText = OnlyFor(field, at, "consentText", type, FormFieldType.Consent) ? Text(field, at, "consentText", required: false) : null;

            List<FormFieldDefinition> rows = [];
            int minRows = 0, maxRows = 0;
            LocalizedText? addLabel = null;
            var isGroup = type == FormFieldType.RepeatingGroup;
            OnlyFor(field, at, "minRows", type, FormFieldType.RepeatingGroup);
            OnlyFor(field, at, "maxRows", type, FormFieldType.RepeatingGroup);
            OnlyFor(field, at, "addLabel", type, FormFieldType.RepeatingGroup);
            OnlyFor(field, at, "fields", type, FormFieldType.RepeatingGroup);
            if (isGroup && !insideGroup)
            {
                rows = Fields(field, at, insideGroup: true);
                if (IsEmptyArray(field, "fields"))
                    Problem($"{at}.fields", "Eine wiederholbare Gruppe braucht mindestens ein Feld je Zeile.");
                minRows = Int(field, at, "minRows", 0, FormErrors.MaxRows) ?? 0;
                maxRows = Int(field, at, "maxRows", 1, FormErrors.MaxRows) ?? DefaultMaxRows;
                if (minRows > maxRows)
                    Problem($"{at}.minRows", "minRows ist größer als maxRows.");
                addLabel = Text(field, at, "addLabel", required: false);
            }
            return new FormFieldDefinition(
                id, type, label, help, required, visibleIf, requiredIf, enabledIf, clearOnHide, sensitive, validations, options,
                maxLength, multiline, min, max, rows, minRows, maxRows, addLabel, consentText, at);
        }

        private List<FormValidationDefinition> Validations(JsonElement field, string at)
        {
            var validations = new List<FormValidationDefinition>();
            if (Array(field, at, "validations", required: false) is not { } array)
                return validations;
            var i = 0;
            foreach (var validation in array.EnumerateArray())
            {
                var where = $"{at}.validations[{i++}]";
                if (!Object(validation, where))
                    continue;
                Known(validation, where, ["rule", "message"]);
                var rule = String(validation, where, "rule", required: true);
                var message = Text(validation, where, "message", required: true);
                if (rule is not null && message is not null)
                    validations.Add(new FormValidationDefinition(rule, message));
            }
            return validations;
        }

        private List<FormOptionDefinition> Options(JsonElement field, string at)
        {
            var options = new List<FormOptionDefinition>();
            if (Array(field, at, "options", required: false) is not { } array)
                return options;
            var values = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var option in array.EnumerateArray())
            {
                var where = $"{at}.options[{i++}]";
                if (!Object(option, where))
                    continue;
                Known(option, where, ["value", "label"]);
                var value = String(option, where, "value", required: true);
                var label = Text(option, where, "label", required: true);
                if (value is null || label is null)
                    continue;
                if (value.Length is 0 or > 100 || value.Trim() != value)
                    Problem($"{where}.value", "Der Wert einer Option hat 1–100 Zeichen ohne Leerraum am Anfang oder Ende.");
                else if (!values.Add(value))
                    Problem($"{where}.value", $"Den Wert '{value}' gibt es in diesem Feld schon.");
                else
                    options.Add(new FormOptionDefinition(value, label));
            }
            return options;
        }

        private FormReviewDefinition? Review(JsonElement review)
        {
            if (!Object(review, "review"))
                return null;
            Known(review, "review", ReviewProperties);
            var clerkIf = Expression(review, "review", "clerkIf");
            if (clerkIf is null)
                Problem("review.clerkIf", "clerkIf fehlt (\"false\", wenn nie eine Sachbearbeitung nötig ist).");
            var topic = String(review, "review", "topic", required: true);
            var skills = new List<string>();
            if (Array(review, "review", "skills", required: false) is { } array)
            {
                var i = 0;
                foreach (var skill in array.EnumerateArray())
                {
                    if (skill.ValueKind == JsonValueKind.String && skill.GetString() is { Length: > 0 and <= 64 } s)
                        skills.Add(s);
                    else
                        Problem($"review.skills[{i}]", "Eine Fähigkeit ist ein Text mit 1–64 Zeichen.");
                    i++;
                }
            }
            var priority = Int(review, "review", "priority", 0, 9);
            return clerkIf is null || topic is null ? null : new FormReviewDefinition(clerkIf, topic, skills, priority);
        }

        private FormDefinitionTestCase? TestCase(JsonElement testCase, string at)
        {
            if (!Object(testCase, at))
                return null;
            Known(testCase, at, TestCaseProperties);
            var name = String(testCase, at, "name", required: true);
            var todayText = String(testCase, at, "today", required: true);
            var today = DateOnly.MinValue;
            if (todayText is not null && !DateOnly.TryParseExact(todayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out today))
                Problem($"{at}.today", "today ist ein Datum JJJJ-MM-TT.");
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (testCase.TryGetProperty("values", out var v))
            {
                if (v.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in v.EnumerateObject())
                    {
                        if (property.Value.ValueKind != JsonValueKind.Null)
                            values[property.Name] = property.Value.GetRawText();
                    }
                }
                else
                {
                    Problem($"{at}.values", "values ist ein Objekt (Pfad → Wert).");
                }
            }
            var complete = Bool(testCase, at, "complete");
            if (complete is null)
                Problem($"{at}.complete", "complete (true/false) fehlt.");
            var clerk = Bool(testCase, at, "clerk");
            return name is null || complete is null ? null : new FormDefinitionTestCase(name, values, today, complete.Value, clerk);
        }

        // ---- building blocks ----

        private string Id(JsonElement element, string at, HashSet<string> seen, string what)
        {
            var id = String(element, at, "id", required: true);
            if (id is null)
                return "";
            if (!IdPattern().IsMatch(id))
                Problem($"{at}.id", $"Die Kennung '{id}' beginnt mit einem Buchstaben und besteht aus höchstens 64 Buchstaben, Ziffern und '_'.");
            else if (!seen.Add(id))
                Problem($"{at}.id", $"{what} '{id}' gibt es schon; Kennungen sind im ganzen Formular eindeutig.");
            return id;
        }

        private bool OnlyFor(JsonElement field, string at, string property, FormFieldType actual, FormFieldType allowed)
        {
            if (!field.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
                return false;
            if (actual == allowed)
                return true;
            Problem($"{at}.{property}", $"{property} gibt es nur bei Feldern vom Typ {FormFieldTypes.NameOf(allowed)}.");
            return false;
        }

        private string? Expression(JsonElement element, string at, string property)
        {
            var expression = String(element, at, property, required: false);
            if (expression is not null && string.IsNullOrWhiteSpace(expression))
            {
                Problem(Join(at, property), "Der Ausdruck ist leer.");
                return null;
            }
            if (expression is { Length: > 2000 })
            {
                Problem(Join(at, property), "Ein Ausdruck hat höchstens 2000 Zeichen.");
                return null;
            }
            return expression;
        }

        private LocalizedText? Text(JsonElement element, string at, string property, bool required)
        {
            var where = Join(at, property);
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                    Problem(where, $"{property} fehlt.");
                return null;
            }
            if (value.ValueKind != JsonValueKind.Object)
            {
                Problem(where, $"{property} ist ein Objekt {{\"de\": …, \"en\": …}}.");
                return null;
            }
            Known(value, where, ["de", "en"]);
            var de = value.TryGetProperty("de", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var en = value.TryGetProperty("en", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (string.IsNullOrWhiteSpace(de))
            {
                Problem($"{where}.de", "Der deutsche Text fehlt.");
                return null;
            }
            if (de.Length > 4000 || en?.Length > 4000)
                Problem(where, "Ein Text hat höchstens 4000 Zeichen.");
            return new LocalizedText(de, string.IsNullOrWhiteSpace(en) ? null : en);
        }

        private string? String(JsonElement element, string at, string property, bool required)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                    Problem(Join(at, property), $"{property} fehlt.");
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                Problem(Join(at, property), $"{property} ist ein Text.");
                return null;
            }
            return value.GetString();
        }

        private bool? Bool(JsonElement element, string at, string property)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                return value.GetBoolean();
            Problem(Join(at, property), $"{property} ist true oder false.");
            return null;
        }

        private int? Int(JsonElement element, string at, string property, int min, int max)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
                return number;
            Problem(Join(at, property), $"{property} ist eine ganze Zahl von {min} bis {max}.");
            return null;
        }

        private decimal? Decimal(JsonElement element, string at, string property)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
                return number;
            Problem(Join(at, property), $"{property} ist eine Zahl.");
            return null;
        }

        private JsonElement? Array(JsonElement element, string at, string property, bool required)
        {
            if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                    Problem(Join(at, property), $"{property} fehlt.");
                return null;
            }
            if (value.ValueKind == JsonValueKind.Array)
                return value;
            Problem(Join(at, property), $"{property} ist eine Liste.");
            return null;
        }

        private bool Object(JsonElement element, string at)
        {
            if (element.ValueKind == JsonValueKind.Object)
                return true;
            Problem(at, "Hier steht ein JSON-Objekt.");
            return false;
        }

        private void Known(JsonElement element, string at, string[] known)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (System.Array.IndexOf(known, property.Name) < 0)
                    Problem(Join(at, property.Name), $"Unbekannte Angabe '{property.Name}'.");
            }
        }

        private static bool IsEmptyArray(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0;

        private void Problem(string location, string message) => problems.Add(new FormDefinitionProblem(location, message));

        private static string Join(string at, string property) => at.Length == 0 ? property : $"{at}.{property}";
    }
}
