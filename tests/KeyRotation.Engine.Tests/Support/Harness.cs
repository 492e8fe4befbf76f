using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.Support;

/// <summary>A simulated world on a fake clock with a rule-based fault source, and the sweep over it.</summary>
internal sealed class Harness
{
    /// <summary>Per-key discovery: these tests count and fail its calls (ListUsers, GetUser); Discovery/ covers bulk.</summary>
    public Harness(SimulatedOrganization organization, params IFaultSource[] extraFaults)
        : this(organization, new DiscoverySettings { Mode = DiscoveryMode.PerKey }, null, null, extraFaults)
    {
    }

    /// <param name="costs">Null: calls are free and instant, and not counted per account.</param>
    /// <param name="iam">The simulated IAM's pages and credential reports. Default <see cref="SimulatedIamOptions"/>().</param>
    public Harness(SimulatedOrganization organization, DiscoverySettings discovery, CostModelOptions? costs = null, SimulatedIamOptions? iam = null)
        : this(organization, discovery, costs, iam, [])
    {
    }

    private Harness(
        SimulatedOrganization organization, DiscoverySettings discovery, CostModelOptions? costs, SimulatedIamOptions? iam, IFaultSource[] extraFaults)
    {
        Organization = organization;
        World = new SimulatedWorld(organization, Time, seed: 42, [Faults, .. extraFaults], iam: iam, costs: costs, discovery: discovery);
        Services = World.CreateServices(Retries);
        Sweep = new OrganizationSweep(Services);
    }

    public FakeTimeProvider Time { get; } = new(Org.Now);

    public RuleBasedFaultSource Faults { get; } = new();

    public RetryTally Retries { get; } = new();

    public SimulatedOrganization Organization { get; }

    public SimulatedWorld World { get; }

    public RotationServices Services { get; }

    public OrganizationSweep Sweep { get; }

    public RotationRunOptions Options(bool dryRun = false, string runId = "run-1") => new()
    {
        RunId = runId,
        AsOf = Time.GetUtcNow(),
        DryRun = dryRun,
        Actor = "simulation",
        ManagementAccountId = Organization.ManagementAccountId,
    };

    public Task<RunReport> RunAsync(RotationRunOptions? options = null) =>
        Sweep.RunAsync(options ?? Options(), CancellationToken.None);

    public long Mutations =>
        World.Gate.CallsTo(OperationNames.CreateAccessKey)
        + World.Gate.CallsTo(OperationNames.UpdateAccessKey)
        + World.Gate.CallsTo(OperationNames.DeleteAccessKey)
        + World.Gate.CallsTo(OperationNames.CreateSecret)
        + World.Gate.CallsTo(OperationNames.PutSecretValue)
        + World.Gate.CallsTo(OperationNames.TagResource)
        + World.Gate.CallsTo(OperationNames.PutResourcePolicy);
}
