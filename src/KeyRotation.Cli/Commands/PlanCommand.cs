using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Output;
using KeyRotation.Cli.Running;
using System.CommandLine;

namespace KeyRotation.Cli.Commands;

/// <summary><c>keyrotation plan</c>: what a run would do, changing nothing (the engine's dry-run mode).</summary>
internal sealed class PlanCommand : Command
{
    private readonly SweepOptions options = new();
    private readonly ProgressOptions progress = new();
    private readonly AwsOptions aws;

    public PlanCommand(CliEnvironment environment)
        : base("plan", "Show what a run would do, without changing anything (dry run).")
    {
        options.AddTo(this, withSaveState: false);
        aws = new AwsOptions(options.AuditStore);
        progress.AddTo(this);
        aws.AddTo(this, withConfirm: false);
        SetAction(async (result, cancellationToken) =>
        {
            var settings = options.Read(result, environment, dryRun: true) with { Progress = progress.Read(result) };
            await using var target = await RunTargets.CreateAsync(
                options.Simulation, aws, result, settings, environment, allowSaveState: false, options.Discovery.Read(result), cancellationToken);
            var outcome = await SweepRunner.RunAsync(target, settings, environment, cancellationToken);
            AuditHint.WriteAfterRun(environment.Out, outcome.Report, settings);
            return outcome.ExitCode;
        });
    }
}
