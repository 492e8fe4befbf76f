using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Output;
using KeyRotation.Cli.Settings;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;
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
        var options = settings.ToRunOptions(target.Actor, target.ManagementAccountId, target.Services.Time.GetUtcNow()) with
        {
            Stopping = environment.Stop.Token,
        };

        using var auditTable = target.OpensAuditTable ? null : AuditStores.Open(settings.AuditStore, environment.Time);
        using var digests = target.OpensAuditTable ? null : AuditStores.OpenDigests(settings, environment.Variables);
        RunReport report;
        try
        {
            var services = AuditStores.WithAuditLog(target.Services, auditTable, settings.Limits.Resilience, environment.Time,
                new Random(environment.Random.Next()));
            services = digests is null ? services : services with { AuditDigests = digests };
            RunReport swept;
            // Disposed (live line cleared, last line written) before anything else reaches stderr, errors included.
            using (var progress = ProgressDisplay.Start(settings.Progress, environment))
            {
                swept = await new OrganizationSweep(services) { Progress = progress }.RunAsync(options, cancellationToken);
            }

            report = AuditStores.NoteUnsealed(swept, settings);
        }
        catch (AuditUnavailableException e)
        {
            await environment.Error.WriteLineAsync($"error: {e.Message}{MissingTableHint(e, settings.AuditStore)}");
            return new Result(environment.Stop.ExitCode ?? ExitCodes.AuditIncomplete, null);
        }
        catch (ArgumentException e)
        {
            await environment.Error.WriteLineAsync($"error: {e.Message}");
            return new Result(ExitCodes.InvalidInput, null);
        }
        catch (ServiceException e)
        {
            // Only the organization's listing fails a run outright (RunFinished records it); nothing was changed.
            await environment.Error.WriteLineAsync($"error: listing the organization's accounts failed, so nothing was changed: {e.Message}");
            return new Result(environment.Stop.ExitCode ?? ExitCodes.AccountsFailed, null);
        }

        ReportWriter.Write(environment.Out, report, settings.Output);
        var lost = await CompleteAsync(target, report, environment, cancellationToken);
        await WarnAsync(environment.Error, report, settings.Output);
        if (environment.Out is GuardedWriter { Failure: { } failure } stdout)
        {
            lost ??= $"{stdout.Name}: {failure}";
            if (report.UnwrittenAuditEvents.Count > 0)
            {
                // The report was the only record of these events; stderr is the last place left for it.
                await TryWriteAsync(environment.Error, ReportWriter.ToJson(report));
            }
        }

        var exitCode = environment.Stop.ExitCode ?? ReportExitCode.For(report);
        if (lost is not null)
        {
            await TryWriteAsync(environment.Error,
                $"error: could not write {lost}; the run itself ended with exit code {exitCode} (the audit trail has every change)");
            exitCode = exitCode == ExitCodes.Success ? ExitCodes.OutputNotWritten : exitCode;
        }

        return new Result(exitCode, report);
    }

    /// <returns>The output that could not be written (named), or null.</returns>
    private static async Task<string?> CompleteAsync(
        IRunTarget target, RunReport report, CliEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            await target.CompleteAsync(report, cancellationToken);
            return null;
        }
        catch (InvalidInputException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the saved state: {e.Message}";
        }
    }

    /// <summary>With JSON on stdout the warnings are in the report; stderr repeats them so a person running it sees them.</summary>
    private static async Task WarnAsync(TextWriter error, RunReport report, OutputFormat output)
    {
        if (output != OutputFormat.Json)
        {
            return;
        }

        foreach (var warning in report.Warnings)
        {
            await TryWriteAsync(error, $"warning: {warning}");
        }
    }

    private static async Task TryWriteAsync(TextWriter writer, string text)
    {
        try
        {
            await writer.WriteLineAsync(text);
        }
        catch (IOException)
        {
            // Nowhere left to say it; the exit code still does.
        }
    }

    private static string MissingTableHint(AuditUnavailableException e, AuditStoreSettings? store) =>
        store is not null && e.InnerException is ServiceException { Kind: FailureKind.NotFound }
            ? $" (create the table with: {AuditCommandLine.CreateTable(store)})"
            : "";
}
