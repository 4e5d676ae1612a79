using Kasse.Forms;

namespace Kasse.Web.Hubs;

/// <summary>The forms a person may start or propose: every definition with an active version, by name.</summary>
public static class FormDefinitionListing
{
    /// <summary>
    /// The active definitions, ordered by name. The version history (authors, comments) is the admins' business, so
    /// <c>versions</c> stays empty here; <c>activeVersion</c> says which version a new session pins.
    /// </summary>
    public static async Task<IReadOnlyList<FormDefinitionOverview>> ActiveAsync(IGrainFactory grains)
    {
        var names = await grains.GetGrain<IFormCatalogGrain>(0).ListNames();
        var overviews = await Task.WhenAll(names.Select(name => grains.GetGrain<IFormDefinitionGrain>(name).GetOverview()));
        return [.. overviews
            .Where(o => o.ActiveVersion is not null)
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => o with { Versions = [] })];
    }
}
