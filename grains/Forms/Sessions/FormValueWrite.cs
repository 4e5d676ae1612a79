namespace Kasse.Grains.Forms.Sessions;

/// <summary>One path written by a change: its new JSON value (null = emptied) and the path's new version.</summary>
public sealed record FormValueWrite(string Path, string? Value, long Version);
