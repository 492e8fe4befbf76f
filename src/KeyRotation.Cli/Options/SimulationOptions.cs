using System.CommandLine;
using KeyRotation.Cli.Output;

namespace KeyRotation.Cli.Options;

/// <summary>The simulated organization a plan or run acts on, and where a run writes it back.</summary>
internal sealed class SimulationOptions
{
    public Option<string> Simulation { get; } = new("--simulation")
    {
        Description = "Simulation file (FORMATS.md): plan or run against this organization instead of AWS.",
        HelpName = "FILE",
    };

    public Option<string> SaveState { get; } = new("--save-state")
    {
        Description = "After the run, write the simulated organization to FILE (absolute dates, no secrets) so a later run continues from it.",
        HelpName = "FILE",
    };

    /// <summary>--faults and --seed.</summary>
    public FaultOptions Faults { get; } = new();

    public void AddTo(Command command, bool withSaveState)
    {
        command.Add(Simulation);
        Faults.AddTo(command);
        if (withSaveState)
        {
            command.Add(SaveState);
        }
    }

    /// <summary>The --save-state path, checked before anything runs so a run never mutates and then cannot save.</summary>
    public string? ReadSaveState(ParseResult result)
    {
        var path = result.GetValue(SaveState);
        if (path is null)
        {
            return null;
        }

        SafeFile.Check(SaveState.Name, path);
        return path;
    }
}
