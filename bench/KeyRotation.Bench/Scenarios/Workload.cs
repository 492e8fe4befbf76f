using KeyRotation.Simulation.Generation;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Bench.Scenarios;

/// <summary>The generated organization every run of one size starts from (regenerated per run: runs change it).</summary>
internal static class Workload
{
    /// <summary>The instant every run plans at; fixed so results repeat.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Access keys per account and user before the run (the bound's live re-read asks for each key's last use).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> KeysBefore(SimulatedOrganization organization) =>
        organization.Accounts.ToDictionary(a => a.Id,
            a => (IReadOnlyDictionary<string, int>)a.Users.ToDictionary(u => u.Name, u => u.AccessKeys.Count, StringComparer.Ordinal),
            StringComparer.Ordinal);

    public static SimulatedOrganization Generate(int accounts, int usersPerAccount, int seed, int organizationalUnits) =>
        OrganizationGenerator.Generate(new GeneratorOptions
        {
            Accounts = accounts, UsersPerAccount = usersPerAccount, Seed = seed, OuCount = organizationalUnits,
        }, AsOf);
}
