using System.CommandLine;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Output;
using KeyRotation.Cli.Running;

namespace KeyRotation.Cli.Commands;

/// <summary><c>keyrotation run</c>: rotates keys; against a simulation file it changes the in-memory organization and can save it.</summary>
internal sealed class RunCommand : Command
{
    private readonly SweepOptions options = new();

    public RunCommand(CliEnvironment environment)
        : base("run", "Rotate keys: create, deactivate and delete as the policy says, audit and notify.")
    {
        options.AddTo(this, withSaveState: true);
        SetAction(async (result, cancellationToken) =>
        {
            var settings = options.Read(result, environment, dryRun: false);
            var target = RunTargets.Create(options.Simulation, result, settings.AsOf, environment, allowSaveState: true,
                options.Discovery.Read(result));
            var outcome = await SweepRunner.RunAsync(target, settings, environment, cancellationToken);
            AuditHint.WriteAfterRun(environment.Out, outcome.Report, settings);
            return outcome.ExitCode;
        });
    }
}
