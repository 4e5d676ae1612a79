namespace Kasse.Silo.Storage;

/// <summary>The database holds an older schema than this build needs; the silo must not start on it.</summary>
public sealed class SchemaOutdatedException(int found, int required) : InvalidOperationException(
    $"The database schema is at version {found}, this build of Kasse.Orleans needs version {required}. " +
    "Run `dotnet Kasse.Silo.dll migrate` with the schema owner's connection string first (docs/operations.md).")
{
    public int Found { get; } = found;

    public int Required { get; } = required;
}
