using KeyRotation.Simulation.Generation;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Bench.Scenarios;

/// <summary>The generated organization every run of one size starts from (regenerated per run: runs change it).</summary>
internal static class Workload
{
    /// <summary>The instant every run plans at; fixed so results repeat.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    public static SimulatedOrganization Generate(int accounts, int usersPerAccount, int seed) =>
        OrganizationGenerator.Generate(new GeneratorOptions { Accounts = accounts, UsersPerAccount = usersPerAccount, Seed = seed }, AsOf);
}
