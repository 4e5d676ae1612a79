using System.Text.Json;
using System.Text.Json.Serialization;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>Source-generated JSON metadata of the session log's event body (see <see cref="FormSessionJson"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FormSessionChange))]
[JsonSerializable(typeof(FieldState))]
internal sealed partial class FormSessionJsonContext : JsonSerializerContext;
