using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Settings;
using System.CommandLine;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Resilience;
using KeyRotation.Simulation.Faults;

namespace KeyRotation.Cli.Running;

/// <summary>
/// Picks where a plan or run acts from the flags: the organization of --simulation FILE, else AWS.
/// </summary>
internal static class RunTargets
{
    /// <param name="discovery">--discovery, for whichever target is built.</param>
    /// <param name="readsOnly">For keyrotation report: see <see cref="AwsTarget.CreateAsync"/>.</param>
    /// <exception cref="InvalidInputException">A flag is unusable, the simulation file is bad, or AWS cannot be used; nothing ran.</exception>
    public static async Task<IRunTarget> CreateAsync(
        SimulationOptions simulation, AwsOptions aws, ParseResult result, RunSettings settings, CliEnvironment environment,
        bool allowSaveState, DiscoveryMode discovery, CancellationToken cancellationToken, bool readsOnly = false)
    {
        if (result.GetValue(simulation.Simulation) is not null)
        {
            aws.RejectWithSimulation(result);
            return Create(simulation, result, settings.AsOf, environment, allowSaveState, discovery, settings.Limits.Resilience);
        }

        simulation.Faults.RefuseOutsideSimulation(result);
        if (allowSaveState && result.GetValue(simulation.SaveState) is not null)
        {
            throw new InvalidInputException($"{simulation.SaveState.Name} applies to --simulation only; AWS keeps its own state");
        }

        var options = aws.Read(result, settings, environment);
        options = options with
        {
            Settings = options.Settings with { Discovery = options.Settings.Discovery with { Mode = discovery } },
            Resilience = settings.Limits.Resilience,
        };
        return await AwsTarget.CreateAsync(options, environment, cancellationToken, readsOnly);
    }

    /// <exception cref="InvalidInputException">No simulation file was given, or it is bad.</exception>
    public static IRunTarget Create(
        SimulationOptions simulation, ParseResult result, DateTimeOffset asOf, CliEnvironment environment, bool allowSaveState,
        DiscoveryMode discovery = DiscoveryMode.Bulk, ResilienceOptions? resilience = null)
    {
        var saveState = allowSaveState ? simulation.ReadSaveState(result) : null;
        var file = result.GetValue(simulation.Simulation)
            ?? throw new InvalidInputException($"{result.CommandResult.Command.Name} needs --simulation FILE");
        var faults = simulation.Faults.ReadFaults(result);
        var seed = simulation.Faults.ReadSeed(result) ?? environment.Random.Next();
        var organization = SimulationTarget.Load(file, asOf);
        return new SimulationTarget(organization, asOf, seed, saveState, environment, [new RandomFaults(faults, seed), .. environment.FaultSources], resilience,
            new DiscoverySettings { Mode = discovery });
    }
}
