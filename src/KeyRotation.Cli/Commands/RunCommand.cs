using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Output;
using KeyRotation.Cli.Running;
using System.CommandLine;

namespace KeyRotation.Cli.Commands;

/// <summary><c>keyrotation run</c>: rotates keys; against a simulation file it changes the in-memory organization and can save it.</summary>
internal sealed class RunCommand : Command
{
    private readonly SweepOptions options = new();
    private readonly ProgressOptions progress = new();
    private readonly AwsOptions aws;

    public RunCommand(CliEnvironment environment)
        : base("run", "Rotate keys: create, deactivate and delete as the policy says, audit and notify.")
    {
        options.AddTo(this, withSaveState: true);
        aws = new AwsOptions(options.AuditStore);
        progress.AddTo(this);
        aws.AddTo(this, withConfirm: true);
        SetAction(async (result, cancellationToken) =>
        {
            var settings = options.Read(result, environment, dryRun: false) with { Progress = progress.Read(result) };
            await using var target = await RunTargets.CreateAsync(
                options.Simulation, aws, result, settings, environment, allowSaveState: true, options.Discovery.Read(result), cancellationToken);
            var outcome = await SweepRunner.RunAsync(target, settings, environment, cancellationToken);
            AuditHint.WriteAfterRun(environment.Out, outcome.Report, settings);
            return outcome.ExitCode;
        });
    }
}
