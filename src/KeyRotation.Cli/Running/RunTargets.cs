using System.CommandLine;
using KeyRotation.Cli.Options;

namespace KeyRotation.Cli.Running;

/// <summary>
/// Picks where a plan or run acts from the flags: the organization of --simulation FILE, else AWS.
/// </summary>
internal static class RunTargets
{
    /// <exception cref="InvalidInputException">A flag is unusable, the simulation file is bad, or AWS cannot be used; nothing ran.</exception>
    public static async Task<IRunTarget> CreateAsync(
        SimulationOptions simulation, AwsOptions aws, ParseResult result, RunSettings settings, CliEnvironment environment,
        bool allowSaveState, CancellationToken cancellationToken)
    {
        if (result.GetValue(simulation.Simulation) is not null)
        {
            aws.RejectWithSimulation(result);
            return Create(simulation, result, settings.AsOf, environment, allowSaveState);
        }

        if (allowSaveState && result.GetValue(simulation.SaveState) is not null)
        {
            throw new InvalidInputException($"{simulation.SaveState.Name} applies to --simulation only; AWS keeps its own state");
        }

        return await AwsTarget.CreateAsync(aws.Read(result, settings, environment), environment, cancellationToken);
    }

    /// <exception cref="InvalidInputException">No simulation file was given, or it is bad.</exception>
    public static IRunTarget Create(
        SimulationOptions simulation, ParseResult result, DateTimeOffset asOf, CliEnvironment environment, bool allowSaveState)
    {
        var saveState = allowSaveState ? simulation.ReadSaveState(result) : null;
        var file = result.GetValue(simulation.Simulation)
            ?? throw new InvalidInputException(
                $"{result.CommandResult.Command.Name} needs --simulation FILE");
        var organization = SimulationTarget.Load(file, asOf);
        return new SimulationTarget(organization, asOf, environment.Random.Next(), saveState, environment);
    }
}
