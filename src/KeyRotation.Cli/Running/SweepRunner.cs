using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Output;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Cli.Running;

/// <summary>The part every plan and run shares: sweep the target, finish it, print the report, pick the exit code.</summary>
internal static class SweepRunner
{
    public sealed record Result(int ExitCode, RunReport? Report);

    public static async Task<Result> RunAsync(
        IRunTarget target, RunSettings settings, CliEnvironment environment, CancellationToken cancellationToken)
    {
        // Read right before the sweep: the time budget counts from here (on a simulation's clock, from --as-of).
        var options = settings.Limits.ApplyTo(new RotationRunOptions
        {
            RunId = settings.RunId,
            AsOf = settings.AsOf,
            DryRun = settings.DryRun,
            Policy = settings.Policy,
            Targeting = settings.Targeting,
            Tags = settings.Tags,
            Scope = settings.Scope,
            PlaintextSubscribers = settings.PlaintextSubscribers,
            Actor = target.Actor,
            ManagementAccountId = target.ManagementAccountId,
        }, target.Services.Time.GetUtcNow());

        using var auditTable = target.OpensAuditTable ? null : AuditStores.Open(settings.AuditStore, environment.Time);
        RunReport report;
        try
        {
            var services = AuditStores.WithAuditLog(target.Services, auditTable, settings.Limits.Resilience, environment.Time,
                new Random(environment.Random.Next()));
            report = await new OrganizationSweep(services).RunAsync(options, cancellationToken);
        }
        catch (AuditUnavailableException e)
        {
            await environment.Error.WriteLineAsync($"error: {e.Message}{MissingTableHint(e, settings.AuditStore)}");
            return new Result(ExitCodes.AuditIncomplete, null);
        }
        catch (ArgumentException e)
        {
            await environment.Error.WriteLineAsync($"error: {e.Message}");
            return new Result(ExitCodes.InvalidInput, null);
        }

        ReportWriter.Write(environment.Out, report, settings.Output);
        await target.CompleteAsync(report, cancellationToken);
        return new Result(ReportExitCode.For(report), report);
    }

    private static string MissingTableHint(AuditUnavailableException e, AuditStoreSettings? store) =>
        store is not null && e.InnerException is ServiceException { Kind: FailureKind.NotFound }
            ? $" (create the table with: {AuditCommandLine.CreateTable(store)})"
            : "";
}
