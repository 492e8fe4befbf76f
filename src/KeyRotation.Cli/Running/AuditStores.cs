using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Options;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Sweep;

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
            return DynamoDbAuditLog.Create(settings, time);
        }
        catch (ArgumentException e)
        {
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new InvalidInputException($"audit table '{settings.TableName}': {message}", e);
        }
    }

    /// <summary>The same services with the audit trail going to <paramref name="auditLog"/>; unchanged when it is null.</summary>
    public static RotationServices WithAuditLog(RotationServices services, IAuditLog? auditLog) =>
        auditLog is null ? services : services with { AuditLog = auditLog };
}
