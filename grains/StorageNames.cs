namespace Kasse.Grains;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class StorageNames
{
    /// <summary>The default store: PostgreSQL when configured, memory in the embedded default.</summary>
    public const string Default = "Default";
}
