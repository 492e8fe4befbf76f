using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Output;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Files;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Cli.Running;

/// <summary>A run against an in-memory organization, optionally written back to a file afterwards.</summary>
internal sealed class SimulationTarget : IRunTarget
{
    private readonly string? saveStatePath;

    /// <param name="seed">Seeds new key ids and secrets, and the retries' jitter.</param>
    /// <param name="faultSources">Injected failures (--faults, or tests); none by default.</param>
    /// <param name="resilience">Retries, rate limits and breakers around every port; default <see cref="ResilienceOptions.Default"/>.</param>
    /// <param name="iam">Discovery mode and credential reports; default <see cref="SimulatedIamOptions"/>() (bulk).</param>
    public SimulationTarget(
        SimulatedOrganization organization,
        DateTimeOffset asOf,
        int seed,
        string? saveStatePath,
        CliEnvironment environment,
        IEnumerable<IFaultSource>? faultSources = null,
        ResilienceOptions? resilience = null,
        DiscoverySettings? discovery = null)
    {
        World = new SimulatedWorld(organization, new FrozenClock(asOf, environment.Time), seed, faultSources, discovery: discovery);
        environment.SimulationCreated?.Invoke(World);
        // Composed like AWS would be, so faults are retried and counted; waits end at once (see InstantWaits). Key
        // dates come from the frozen world; audit events from a clock that keeps them in order.
        Services = EngineComposition.Compose(World.Ports, World.EngineOptions with { Resilience = resilience ?? ResilienceOptions.Default },
            new SequencedClock(asOf, environment.Time), new Random(seed), new InstantWaits(environment.Time));
        this.saveStatePath = saveStatePath;
    }

    public SimulatedWorld World { get; }

    public RotationServices Services { get; }

    public string Actor => "simulation";

    public string ManagementAccountId => World.Organization.ManagementAccountId;

    /// <exception cref="InvalidInputException">The file is missing, unreadable or malformed; the message names the problem and path.</exception>
    public static SimulatedOrganization Load(string path, DateTimeOffset asOf)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidInputException($"--simulation: cannot read '{path}': {e.Message}", e);
        }

        try
        {
            return SimulationFile.Load(json, asOf);
        }
        catch (SimulationFileException e)
        {
            throw new InvalidInputException($"--simulation: {path}: {e.Message}", e);
        }
    }

    public async Task CompleteAsync(RunReport report, CancellationToken cancellationToken)
    {
        if (saveStatePath is null)
        {
            return;
        }

        // The sweep has finished, so nothing changes the organization while it is written.
        var json = SimulationFile.Save(World.Organization);

        // Written beside the target first so a crash never leaves half a state file; never through a link or into a device.
        await SafeFile.WriteAsync("--save-state", saveStatePath, json, cancellationToken);
    }
}
