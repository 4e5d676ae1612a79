namespace Kasse.Workspace;

/// <summary>
/// A prepared reply of a team. <see cref="Text"/> may hold the placeholders <c>{Anrede}</c>, <c>{Vorname}</c>,
/// <c>{Nachname}</c> and <c>{Agent}</c>, which the workspace fills from the customer panel and the agent's name.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Workspace.CannedResponse")]
public sealed record CannedResponse(
    [property: Id(0)] string Title,
    [property: Id(1)] string Text);
