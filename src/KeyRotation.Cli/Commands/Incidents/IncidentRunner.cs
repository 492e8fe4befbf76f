using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Output;
using KeyRotation.Cli.Running;
using KeyRotation.Engine.Incidents;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using System.CommandLine;

namespace KeyRotation.Cli.Commands.Incidents;

/// <summary>What revoke and restore share: build the target (simulation or AWS), call the engine, print, pick the exit code.</summary>
internal static class IncidentRunner
{
    public delegate Task<IncidentReport> Action(
        IncidentResponder responder, RotationRunOptions options, IncidentRequest request, CancellationToken cancellationToken);

    public static async Task<int> RunAsync(
        string command, IncidentOptions options, ParseResult result, IncidentRequest request, CliEnvironment environment,
        Action act, CancellationToken cancellationToken)
    {
        var settings = options.Read(result, environment);
        await using var target = await RunTargets.CreateAsync(options.Simulation, options.Aws, result, settings, environment,
            allowSaveState: false, Engine.Ports.DiscoveryMode.PerKey, cancellationToken);
        var run = new RotationRunOptions
        {
            RunId = settings.RunId,
            AsOf = settings.AsOf,
            DryRun = settings.DryRun,
            Policy = settings.Policy,
            Tags = settings.Tags,
            Actor = target.Actor,
            ManagementAccountId = target.ManagementAccountId,
        };

        using var auditTable = target.OpensAuditTable ? null : AuditStores.Open(settings.AuditStore, environment.Time);
        IncidentReport report;
        try
        {
            var services = AuditStores.WithAuditLog(target.Services, auditTable, settings.Limits.Resilience, environment.Time,
                new Random(environment.Random.Next()));
            report = await act(new IncidentResponder(services), run, request, cancellationToken);
        }
        catch (AuditUnavailableException e)
        {
            await environment.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.AuditIncomplete;
        }
        catch (ArgumentException e)
        {
            await environment.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        IncidentWriter.Write(environment.Out, command, report, target.Actor, settings.Output);
        if (report.Refusal is { } refusal)
        {
            await environment.Error.WriteLineAsync($"error: {refusal}: {report.Error}; nothing was changed");
        }

        return report.UnwrittenAuditEvents.Count > 0 ? ExitCodes.AuditIncomplete
            : report.Refusal is not null ? ExitCodes.InvalidInput
            : report.Failed ? ExitCodes.AccountsFailed
            : ExitCodes.Success;
    }
}
