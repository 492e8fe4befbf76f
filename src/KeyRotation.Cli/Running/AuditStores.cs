using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Digests;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Settings;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Cli.Running;

/// <summary>
/// Sends a run's audit trail to the DynamoDB table of --audit-table instead of the target's own log. Works the
/// same for any target: only <see cref="RotationServices.AuditLog"/> changes.
/// </summary>
internal static class AuditStores
{
    /// <summary>The table's log, or null when no table was given. The caller disposes it after the run.</summary>
    /// <exception cref="InvalidInputException">No client can be made from the settings (unknown profile, no region).</exception>
    public static DynamoDbAuditLog? Open(AuditStoreSettings? settings, TimeProvider time)
    {
        if (settings is null)
        {
            return null;
        }

        try
        {
            return DynamoDbAuditLog.CreateForRun(settings, time);
        }
        catch (ArgumentException e)
        {
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new InvalidInputException($"audit table '{settings.TableName}': {message}", e);
        }
    }

    /// <summary>The digest store of --audit-digest-bucket for a target that does not open its own (a simulation), or null.</summary>
    /// <exception cref="InvalidInputException">No client can be made (unknown profile, malformed endpoint variable).</exception>
    public static S3AuditDigestStore? OpenDigests(RunSettings settings, Func<string, string?> environment)
    {
        if (settings.AuditDigestBucket is not { } bucket)
        {
            return null;
        }

        try
        {
            return S3AuditDigestStore.Open(
                new AuditDigestStoreSettings(bucket, settings.AuditStore?.Region, settings.AuditStore?.Profile), environment);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException($"{AuditDigestOptions.Name} '{bucket}': {e.Message}", e);
        }
    }

    /// <summary>A run that wrote to a table without a digest bucket worked as before; its report says it is not sealed.</summary>
    public static RunReport NoteUnsealed(RunReport report, RunSettings settings) =>
        settings.AuditStore is not null && settings.AuditDigestBucket is null
            ? report with { Notes = [.. report.Notes, $"audit trail not sealed: no {AuditDigestOptions.Name}, so 'keyrotation audit verify' cannot vouch for this run"] }
            : report;

    /// <summary>The same services with the audit trail going to <paramref name="auditLog"/>; unchanged when it is null.</summary>
    /// <param name="resilience">When given, the table's log gets the same retries as the other ports, counted in the same
    /// tally, with backoff on <paramref name="time"/>: the table is a real service even when the organization is simulated.</param>
    public static RotationServices WithAuditLog(
        RotationServices services, IAuditLog? auditLog, ResilienceOptions? resilience = null, TimeProvider? time = null, Random? jitter = null)
    {
        if (auditLog is null)
        {
            return services;
        }

        if (resilience is null)
        {
            return services with { AuditLog = auditLog };
        }

        return EngineComposition.WithAuditLog(services, auditLog, resilience, time ?? TimeProvider.System, jitter ?? new Random());
    }
}
