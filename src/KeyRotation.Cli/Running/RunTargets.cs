using System.CommandLine;
using KeyRotation.Cli.Options;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Discovery;

namespace KeyRotation.Cli.Running;

/// <summary>
/// Picks where a plan or run acts from the flags. Only the simulation exists so far; the AWS mode (role name,
/// region, endpoint flags) becomes a second branch here, and the commands stay as they are.
/// </summary>
internal static class RunTargets
{
    /// <param name="discovery">--discovery, for whichever target is built.</param>
    /// <exception cref="InvalidInputException">No usable source was given, or the simulation file is bad.</exception>
    public static IRunTarget Create(
        SimulationOptions simulation, ParseResult result, DateTimeOffset asOf, CliEnvironment environment, bool allowSaveState,
        DiscoveryMode discovery = DiscoveryMode.Bulk)
    {
        var saveState = allowSaveState ? simulation.ReadSaveState(result) : null;
        var file = result.GetValue(simulation.Simulation)
            ?? throw new InvalidInputException(
                $"{result.CommandResult.Command.Name} needs --simulation FILE (running against AWS is not available yet)");
        var organization = SimulationTarget.Load(file, asOf);
        return new SimulationTarget(organization, asOf, environment.Random.Next(), saveState, environment,
            iam: new SimulatedIamOptions { Discovery = discovery });
    }
}
