using KeyRotation.Core.Audit;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Files;
using KeyRotation.Simulation.Generation;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.FaultSuite;

/// <summary>One sweep of a scenario's organization through the resilience layer, with or without faults.</summary>
internal sealed class SuiteRun
{
    private SuiteRun(SimulatedWorld world, CountingAccess counting, RunReport report)
    {
        World = world;
        Counting = counting;
        Report = report;
    }

    public SimulatedWorld World { get; }

    public CountingAccess Counting { get; }

    public RunReport Report { get; }

    public SimulatedOrganization Organization => World.Organization;

    /// <summary>The organization as --save-state would write it.</summary>
    public string State => SimulationFile.Save(Organization);

    /// <summary>Every audit event of the run, stored or (refused by the store) carried in the report.</summary>
    public IReadOnlyList<AuditEvent> AuditEvents =>
        [.. World.AuditLog.Events.Concat(Report.UnwrittenAuditEvents).DistinctBy(e => e.EventId)];

    public static SimulatedOrganization Generate(FaultScenario scenario) => OrganizationGenerator.Generate(scenario.Organization, Now);

    public static async Task<SuiteRun> RunAsync(FaultScenario scenario, FaultSpec faults)
    {
        var world = new SimulatedWorld(Generate(scenario), new FakeTimeProvider(Now), scenario.Seed, [new RandomFaults(faults, scenario.Seed)]);
        var counting = new CountingAccess(world.Sts);
        var resilience = new ResilienceOptions { Retry = new RetryOptions { MaxRetryAttempts = FaultScenario.Retries } };
        // The one composition the hosts use, so the suite exercises the pipelines that ship (one per operation).
        var services = EngineComposition.Compose(world.Ports with { Sts = counting }, world.EngineOptions with { Resilience = resilience },
            world.Time, new Random(scenario.Seed), new InstantWaits());
        var options = new RotationRunOptions
        {
            RunId = $"suite-{scenario.Seed}",
            AsOf = Now,
            Actor = "simulation",
            ManagementAccountId = world.Organization.ManagementAccountId,
            MaxAccountsInFlight = scenario.MaxAccountsInFlight,
            MaxUsersInFlight = scenario.MaxUsersInFlight,
        };

        var report = await new OrganizationSweep(services).RunAsync(options, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return new SuiteRun(world, counting, report);
    }

    /// <summary>One account's users and keys, for comparing accounts one by one.</summary>
    public static string AccountState(SimulatedOrganization organization, string accountId) => string.Join('\n',
        from a in organization.Accounts
        where a.Id == accountId
        from u in a.Users
        from k in u.AccessKeys
        select $"{u.Name}/{k.Id} {k.Status} created={k.CreatedAt:O} used={k.LastUsedAt:O} deactivated={k.DeactivatedByToolAt:O}");
}
