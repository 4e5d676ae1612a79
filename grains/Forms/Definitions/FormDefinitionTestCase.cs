namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// A check the definition carries for itself, run when a version is validated: with these values (path → JSON) on
/// <c>Today</c>, the form is complete or not, and (when given) a clerk must look or not.
/// </summary>
public sealed record FormDefinitionTestCase(
    string Name, IReadOnlyDictionary<string, string> Values, DateOnly Today, bool ExpectComplete, bool? ExpectClerk);
