namespace Kasse.Grains.Rules;

/// <summary>The documents of rule set versions: append-only, written once by the owning rule set grain.</summary>
public interface IRuleSetStore
{
    Task SaveAsync(string ruleSet, int version, string documentJson);

    Task<string?> LoadAsync(string ruleSet, int version);
}
