using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Output;
using KeyRotation.Cli.Running;
using KeyRotation.Cli.Settings;
using System.CommandLine;
using KeyRotation.Engine.Posture;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Cli.Commands;

/// <summary>
/// <c>keyrotation report</c>: the state of access keys across the organization against CIS 1.14 and the policy, from
/// discovery alone. Nothing is changed and no audit event is written (a report observes; --audit-table is only read
/// for the recovery windows of keys this tool deactivated), so read-only credentials are enough.
/// </summary>
internal sealed class ReportCommand : Command
{
    private readonly SweepOptions options = new(withCsv: true);
    private readonly AwsOptions aws;

    public ReportCommand(CliEnvironment environment)
        : base("report", "Report the posture of access keys across the organization (discovery only, nothing changed).")
    {
        options.AddTo(this, withSaveState: false, withRunId: false);
        options.AuditStore.Table.Description =
            "Read the recovery windows of keys this tool deactivated from this DynamoDB table (only read; a report writes no event).";
        aws = new AwsOptions(options.AuditStore);
        aws.AddTo(this, withConfirm: false);
        Add(Html);
        SetAction(async (result, cancellationToken) =>
        {
            var settings = options.Read(result, environment, dryRun: true);
            var html = result.GetValue(Html) is { } path ? SafeFile.Check(Html.Name, path) : null;
            await using var target = await RunTargets.CreateAsync(options.Simulation, aws, result, settings, environment,
                allowSaveState: false, options.Discovery.Read(result), cancellationToken, readsOnly: true);
            using var auditTable = target.OpensAuditTable ? null : AuditStores.Open(settings.AuditStore, environment.Time);
            var services = AuditStores.WithAuditLog(target.Services, auditTable, settings.Limits.Resilience, environment.Time,
                new Random(environment.Random.Next()));

            PostureReport report;
            try
            {
                report = await new PostureSurvey(services).SurveyAsync(new PostureOptions
                {
                    AsOf = settings.AsOf,
                    Policy = settings.Policy,
                    Targeting = settings.Targeting,
                    Tags = settings.Tags,
                    Scope = settings.Scope,
                    MaxAccountsInFlight = settings.Limits.MaxAccountsInFlight,
                }, cancellationToken);
            }
            catch (ServiceException e)
            {
                await environment.Error.WriteLineAsync($"error: listing the organization's accounts failed: {e.Message}");
                return ExitCodes.AccountsFailed;
            }

            switch (settings.Output)
            {
                case OutputFormat.Json:
                    await environment.Out.WriteLineAsync(PostureJson.Serialize(report));
                    break;
                case OutputFormat.Csv:
                    PostureCsvWriter.Write(environment.Out, report);
                    break;
                default:
                    PostureTableWriter.Write(environment.Out, report);
                    break;
            }

            if (html is not null)
            {
                try
                {
                    await SafeFile.WriteAsync(Html.Name, html, PostureHtml.Render(report), cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new InvalidInputException($"{Html.Name}: cannot write '{html}': {e.Message}", e);
                }

                await environment.Error.WriteLineAsync($"keyrotation: wrote the HTML report to {html}");
            }

            return report.AccountsFailed > 0 ? ExitCodes.AccountsFailed : ExitCodes.Success;
        });
    }

    public Option<string> Html { get; } = new("--html")
    {
        Description = "Also write the report as one self-contained HTML page (no script, no external resource) to FILE: "
            + "a new or regular file, replaced whole; a symbolic link, device or FIFO is refused.",
        HelpName = "FILE",
    };
}
