using System.Globalization;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Simulation.Generation;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.CrashSuite;

/// <summary>
/// One organization of the crash suite: a small generated organization in a simulated world that outlives the
/// runs made in it (its keys, its secrets and its audit store stay as each run left them, as AWS would).
/// </summary>
internal sealed class CrashRun
{
    private readonly CrashSwitch counting = new();

    public CrashRun(int seed)
    {
        Seed = seed;
        Initial = Generate(seed);
        World = new SimulatedWorld(Generate(seed), new FakeTimeProvider(Now), seed);
    }

    public int Seed { get; }

    public SimulatedOrganization Initial { get; }

    public SimulatedWorld World { get; }

    /// <summary>Every change that took effect in the world, over every run made in it.</summary>
    public List<Performed> Performed { get; } = [];

    public IReadOnlyList<AuditEvent> AuditEvents => World.AuditLog.Events;

    public static SimulatedOrganization Generate(int seed) => OrganizationGenerator.Generate(new GeneratorOptions
    {
        Seed = seed,
        Accounts = 2 + seed % 2,
        UsersPerAccount = 4 + seed % 3,
        OuCount = 2,
        OptOutAccountShare = 0,
        OptOutOuShare = 0,
        SuspendedAccountShare = 0,
    }, Now);

    /// <summary>A run that the switch may kill; accounts and users one at a time, so the calls come in one order.</summary>
    public async Task<RunReport> RunAsync(string runId, CrashSwitch? crash = null)
    {
        var services = CrashingServices.Wrap(World.CreateServices(), crash ??= new CrashSwitch());
        var options = new RotationRunOptions
        {
            RunId = runId,
            AsOf = Now,
            Actor = "simulation",
            ManagementAccountId = World.Organization.ManagementAccountId,
            MaxAccountsInFlight = 1,
            MaxUsersInFlight = 1,
        };
        try
        {
            return await new OrganizationSweep(services).RunAsync(options, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Performed.AddRange(crash.Performed);
        }
    }

    /// <summary>How many mutation points an uninterrupted run of this organization passes.</summary>
    public static async Task<int> CountPointsAsync(int seed)
    {
        var run = new CrashRun(seed);
        var crash = new CrashSwitch();
        await run.RunAsync("count", crash);
        return 2 * crash.MutationCalls;
    }

    /// <summary>
    /// Every user's keys as status, origin and dates, with new key ids replaced by their order among the user's new
    /// keys: two runs that made the same changes with different new keys compare equal.
    /// </summary>
    public string EndState()
    {
        var initialIds = (from a in Initial.Accounts from u in a.Users from k in u.AccessKeys select k.Id).ToHashSet(StringComparer.Ordinal);
        return string.Join('\n',
            from a in World.Organization.Accounts
            from u in a.Users
            from line in u.AccessKeys.Select((k, i) => string.Create(CultureInfo.InvariantCulture,
                $"{a.Id}/{u.Name}/{(initialIds.Contains(k.Id) ? k.Id : "new")} {k.Status} created={k.CreatedAt:O} " +
                $"used={k.LastUsedAt:O} deactivated={k.DeactivatedByToolAt:O}"))
            select line);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"seed {Seed}");
}
