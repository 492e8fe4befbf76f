using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Output;
using KeyRotation.Cli.Running;
using KeyRotation.Cli.Settings;
using System.CommandLine;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Simulation.Demo;
using KeyRotation.Simulation.Faults;

namespace KeyRotation.Cli.Commands;

/// <summary>
/// <c>keyrotation demo</c>: a real run on the built-in demo organization, in which every decision of the policy
/// happens at least once. Nothing outside the process is touched, except the audit table of --audit-table.
/// </summary>
internal sealed class DemoCommand : Command
{
    private readonly Option<int> seed = new("--seed")
    {
        Description = "Varies the demo's names, ids and ages, and seeds --faults; every policy decision still happens.",
        DefaultValueFactory = _ => 1,
    };

    private readonly ReportOptions report = new();

    private readonly FaultOptions faults = new();

    private readonly RunLimitOptions limits = new();

    private readonly AuditStoreOptions auditStore = SweepOptions.AuditTableOption();

    public DemoCommand(CliEnvironment environment)
        : base("demo", "Run the rotation on a built-in simulated organization that shows every policy decision.")
    {
        Add(seed);
        report.AddTo(this);
        faults.AddTo(this, withSeed: false);
        limits.AddTo(this);
        auditStore.AddTo(this);
        SetAction(async (result, cancellationToken) =>
        {
            var asOf = report.ReadAsOf(result, environment.Time.GetUtcNow());
            var demoSeed = result.GetValue(seed);
            var settings = new RunSettings(
                report.ReadRunId(result, asOf, environment.Random),
                asOf,
                DryRun: false,
                DemoOrganization.Policy,
                AccountTargeting.All,
                TagConventions.Default,
                report.ReadOutput(result),
                auditStore.ReadForRun(result, environment.Variables)) { Limits = limits.Read(result) };
            var faultSpec = faults.ReadFaults(result);
            var target = new SimulationTarget(DemoOrganization.Build(demoSeed, asOf), asOf, demoSeed, saveStatePath: null, environment,
                [new RandomFaults(faultSpec, demoSeed)], settings.Limits.Resilience);
            if (settings.Output == OutputFormat.Table)
            {
                await environment.Out.WriteLineAsync(
                    $"Demo (seed {demoSeed}): a built-in simulated organization in which every decision of the rotation policy happens.");
            }

            var outcome = await SweepRunner.RunAsync(target, settings, environment, cancellationToken);
            if (outcome.Report is not null && settings.Output == OutputFormat.Table)
            {
                DemoEpilogue.Write(environment.Out, target.World, settings.RunId, settings.AuditStore);
            }

            return outcome.ExitCode;
        });
    }
}
