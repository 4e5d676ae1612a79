using Kasse.Campaigns;
using Kasse.Customers;

namespace Kasse.Web.Apis;

/// <summary>
/// Body of a consent change (portal, app, agent desktop). <see cref="ChangeId"/> is the idempotency key: the client
/// chooses it (a new Guid) and sends the same one again on a retry.
/// </summary>
public sealed record ConsentChangeRequest(string? ChangeId, ConsentChangeKind? Kind, PreferredChannel? PreferredChannel = null, int? Priority = null, string? Source = null)
{
    public static readonly string[] Sources = ["portal", "app"];

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (ChangeId is not { Length: > 0 and <= 100 })
            errors["changeId"] = ["Die Änderungskennung (1 bis 100 Zeichen) fehlt."];
        if (Kind is null)
            errors["kind"] = ["Die Art der Änderung fehlt."];
        if (Kind == ConsentChangeKind.PreferredChannelChanged && PreferredChannel is null)
            errors["preferredChannel"] = ["Der bevorzugte Kanal fehlt."];
        if (Kind == ConsentChangeKind.PriorityChanged && Priority is not (>= 0 and <= 100))
            errors["priority"] = ["Die Priorität muss zwischen 0 und 100 liegen."];
        if (Source is not null && !Sources.Contains(Source))
            errors["source"] = ["Die Quelle ist portal oder app."];
        return errors;
    }

    public ConsentChange ToChange(string actor, string source) => new(ChangeId!, Kind!.Value, actor, Source ?? source, PreferredChannel, Priority);
}

/// <summary>Body of an objection (§68b SGB V): only the idempotency key.</summary>
public sealed record ObjectionRequest(string? ChangeId)
{
    public ConsentChangeRequest AsChange(string? source = null) => new(ChangeId, ConsentChangeKind.ObjectionDeclared, Source: source);
}
