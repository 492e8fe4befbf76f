using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Settings;
using System.CommandLine;
using KeyRotation.Engine.Incidents;

namespace KeyRotation.Cli.Commands.Incidents;

/// <summary>
/// The flags revoke and restore share: the key, --confirm, where they act (--simulation or AWS, as plan and run)
/// and the policy whose recovery window and secret delivery apply. Without --confirm they change nothing.
/// </summary>
internal sealed class IncidentOptions
{
    public Option<string> AccessKeyId { get; } = new("--access-key-id")
    {
        Description = "The IAM user access key (AKIA...); its account and user are found from the id alone.",
        HelpName = "AKIA...",
        Required = true,
    };

    public PolicyOptions Policy { get; } = new();

    public ReportOptions Report { get; } = new();

    public SimulationOptions Simulation { get; } = new();

    public AuditStoreOptions AuditStore { get; } = SweepOptions.AuditTableOption();

    public AwsOptions Aws { get; }

    public IncidentOptions() => Aws = new AwsOptions(AuditStore);

    public void AddTo(Command command)
    {
        command.Add(AccessKeyId);
        Simulation.AddTo(command, withSaveState: false);
        Policy.AddTo(command);
        Report.AddTo(command);
        AuditStore.AddTo(command);
        Aws.AddTo(command, withConfirm: true);
        Aws.Confirm.Description = $"Act: without it {command.Name} only says what it would do and changes nothing.";
    }

    /// <exception cref="InvalidInputException">Any flag is unusable; the message names it and its value.</exception>
    public RunSettings Read(ParseResult result, CliEnvironment environment)
    {
        var asOf = Report.ReadAsOf(result, environment.Time.GetUtcNow());
        var run = new SettingFlags(Policy.Flags).Read(result);
        return new RunSettings(
            Report.ReadRunId(result, asOf, environment.Random),
            asOf,
            DryRun: !result.GetValue(Aws.Confirm),
            run.Policy,
            Core.Targeting.AccountTargeting.All,
            run.Tags,
            Report.ReadOutput(result),
            AuditStore.ReadForRun(result, environment.Variables, connectionWithoutTable: result.GetValue(Simulation.Simulation) is null));
    }

    public IncidentRequest ReadRequest(ParseResult result, string? reason = null, bool replace = false, bool force = false) =>
        new(result.GetValue(AccessKeyId)!.Trim(), reason, replace, force);
}
