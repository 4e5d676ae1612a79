using Kasse.Agents;
using Kasse.Customers;
using Kasse.Web.Security;

namespace Kasse.Web.Development;

/// <summary>
/// The demo users and their master data for the embedded default. Synthetic persons; the KVNRs carry valid check
/// digits. Used by the development sign-in and by the demo data seeder; nothing else reads it.
/// </summary>
public static class DemoDirectory
{
    public static IReadOnlyList<CustomerProfile> Customers { get; } =
    [
        new("A123456780", "Anna", "Bergmann", new DateOnly(1984, 3, 12), "anna.bergmann@example.org", PreferredChannel.App),
        new("T012345678", "Jürgen", "Weißmüller", new DateOnly(1957, 11, 2), null, PreferredChannel.Post),
        new("Z987654321", "Leyla", "Öztürk-Schmidt", new DateOnly(2001, 7, 30), "leyla.oeztuerk@example.org", PreferredChannel.Email),
    ];

    public static IReadOnlyList<AgentProfile> Agents { get; } =
    [
        new("agent-mueller", "Sabine Müller", "Team Nord", ["chat", "beitraege", "sepa"], false),
        new("agent-schulz", "Tobias Schulz", "Team Nord", ["chat", "leistungen"], false),
        new("agent-kaya", "Deniz Kaya", "Team Süd", ["email", "steuer-id", "unfall"], false),
        new("supervisor-fischer", "Petra Fischer", "Team Nord", ["chat", "email", "beitraege", "leistungen"], true),
    ];

    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        .. Customers.Select(c => new DemoUser(c.Kvnr, $"{c.GivenName} {c.FamilyName}", [KasseRoles.Versicherter], [], null)),
        .. Agents.Select(a => new DemoUser(
            a.AgentId,
            a.DisplayName,
            a.IsSupervisor ? [KasseRoles.Agent, KasseRoles.Supervisor] : [KasseRoles.Agent],
            a.Skills,
            a.Team)),
        new DemoUser("admin", "Administration", [KasseRoles.Admin], [], null),
        new DemoUser("integrator-kernsystem", "Kernsystem (Integration)", [KasseRoles.Integrator], [], null),
    ];

    public static DemoUser? FindUser(string id) => Users.FirstOrDefault(u => u.Id == id);
}
