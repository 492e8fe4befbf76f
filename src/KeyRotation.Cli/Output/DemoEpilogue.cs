using KeyRotation.Aws.Audit;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Cli.Output;

/// <summary>
/// After the demo's report: where each new secret went (never what it is), what owners were told, where the audit
/// trail is, and last the run id with the command that reads its trail back.
/// </summary>
internal static class DemoEpilogue
{
    /// <param name="auditStore">The table the trail went to (--audit-table); null: it stayed in memory.</param>
    public static void Write(TextWriter writer, SimulatedWorld world, string runId, AuditStoreSettings? auditStore)
    {
        var secrets = world.SecretVault.Secrets;
        writer.WriteLine();
        writer.WriteLine($"Secrets: {secrets.Count} new key pairs stored in (simulated) Secrets Manager, each readable only by its user. This output never shows a secret.");
        if (secrets.Count > 0)
        {
            var rows = secrets.Select(s => (IReadOnlyList<string>)[s.AccountId, s.UserName, s.Key.AccessKeyId, s.Location]).ToList();
            TextTable.Write(writer, "  ", ["ACCOUNT", "USER", "ACCESS KEY", "SECRET LOCATION"], rows);
        }

        writer.WriteLine($"Notifications: {world.Sns.Published.Count} messages published to owners (simulated SNS).");
        if (auditStore is null)
        {
            var events = world.AuditLog.Events;
            writer.WriteLine($"Audit trail: {events.Count} events ({events.Count(e => e.IsIntent)} of them intents, written before each change) " +
                "kept in memory; add --audit-table NAME to write them to DynamoDB.");
            writer.WriteLine("Nothing outside this process was touched.");
            writer.WriteLine($"Run id: {runId}");
            return;
        }

        writer.WriteLine($"Nothing outside this process was touched except the audit table: {AuditCommandLine.Describe(auditStore)}.");
        writer.WriteLine($"Run id: {runId}. Its audit trail:");
        writer.WriteLine("  " + AuditCommandLine.Query(runId, auditStore));
    }
}
