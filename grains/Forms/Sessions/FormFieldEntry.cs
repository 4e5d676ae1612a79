namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// One path of a session: its JSON value (null once emptied; the entry stays so the version keeps growing), how often
/// it was written, and who wrote it last.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Grains.Forms.Sessions.FormFieldEntry")]
public sealed record FormFieldEntry(
    [property: Id(0)] string? Value,
    [property: Id(1)] long Version,
    [property: Id(2)] FormActor Writer);
