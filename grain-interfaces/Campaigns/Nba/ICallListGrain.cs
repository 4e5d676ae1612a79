namespace Kasse.Campaigns.Nba;

/// <summary>
/// The daily call list of one telephony team (key <c>{team}|{yyyy-MM-dd}</c>, Europe/Berlin day): the customers of
/// the team's postal regions with a phone number, each with the next best offer for the phone, its contact reserved
/// under the policy (source CallList, channel Phone) for the day. Built once on first request, then the same list.
/// </summary>
[Alias("Kasse.Campaigns.Nba.ICallListGrain")]
public interface ICallListGrain : IGrainWithStringKey
{
    /// <summary>The list (built on the first call with at most <paramref name="max"/> entries; later calls return it).</summary>
    [Alias("Get")]
    Task<IReadOnlyList<CallListEntry>> Get(int max, string by);

    /// <summary>The same list as the telephony system's CSV: UTF-8 with BOM, <c>;</c>, formula-safe cells.</summary>
    [Alias("GetCsv")]
    Task<byte[]> GetCsv(int max, string by);
}

/// <summary>One call to make: who (personal data for the telephony system only), what to offer, which reservation.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Nba.CallListEntry")]
public sealed record CallListEntry(
    [property: Id(0)] string Kvnr,
    [property: Id(1)] string GivenName,
    [property: Id(2)] string FamilyName,
    [property: Id(3)] string Phone,
    [property: Id(4)] string OfferId,
    [property: Id(5)] string OfferTitle,
    [property: Id(6)] Guid DecisionId,
    [property: Id(7)] string ContactId);
