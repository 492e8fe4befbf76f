using KeyRotation.Simulation.Ports;

namespace KeyRotation.Cli.Output;

/// <summary>After the demo's report: where each new secret went (never what it is) and what owners were told.</summary>
internal static class DemoEpilogue
{
    public static void Write(TextWriter writer, SimulatedWorld world)
    {
        var secrets = world.SecretVault.Secrets;
        writer.WriteLine();
        writer.WriteLine($"Secrets: {secrets.Count} new key pairs stored in (simulated) Secrets Manager, each readable only by its user. This output never shows a secret.");
        if (secrets.Count > 0)
        {
            var rows = secrets.Select(s => (IReadOnlyList<string>)[s.AccountId, s.UserName, s.Key.AccessKeyId, s.Location]).ToList();
            TextTable.Write(writer, "  ", ["ACCOUNT", "USER", "ACCESS KEY", "SECRET LOCATION"], rows);
        }

        writer.WriteLine($"Notifications: {world.Notifier.Published.Count} messages published to owners (simulated SNS).");
        writer.WriteLine("Nothing outside this process was touched.");
    }
}
