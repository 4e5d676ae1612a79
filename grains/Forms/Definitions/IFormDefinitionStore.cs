namespace Kasse.Grains.Forms.Definitions;

/// <summary>The documents of form definition versions: append-only, written once by the owning definition grain.</summary>
public interface IFormDefinitionStore
{
    Task SaveAsync(string name, int version, string documentJson);

    Task<string?> LoadAsync(string name, int version);
}
