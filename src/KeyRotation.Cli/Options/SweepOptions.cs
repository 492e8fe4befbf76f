using System.CommandLine;
using KeyRotation.Cli.Running;

namespace KeyRotation.Cli.Options;

/// <summary>The flags plan and run share, read and checked together before anything runs.</summary>
internal sealed class SweepOptions
{
    public PolicyOptions Policy { get; } = new();

    public TargetingOptions Targeting { get; } = new();

    public ReportOptions Report { get; } = new();

    public SimulationOptions Simulation { get; } = new();

    public RunLimitOptions Limits { get; } = new();

    public void AddTo(Command command, bool withSaveState)
    {
        Simulation.AddTo(command, withSaveState);
        Policy.AddTo(command);
        Targeting.AddTo(command);
        Report.AddTo(command);
        Limits.AddTo(command);
    }

    /// <exception cref="InvalidInputException">Any flag is unusable; the message names it and its value.</exception>
    public RunSettings Read(ParseResult result, CliEnvironment environment, bool dryRun)
    {
        var asOf = Report.ReadAsOf(result, environment.Time.GetUtcNow());
        return new RunSettings(
            Report.ReadRunId(result) ?? RunIds.Create(asOf, environment.Random),
            asOf,
            dryRun,
            Policy.ReadPolicy(result),
            Targeting.Read(result),
            Policy.ReadTags(result),
            Report.ReadOutput(result)) { Limits = Limits.Read(result) };
    }
}
