using System.Collections.Concurrent;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sns;

namespace KeyRotation.Simulation.Ports;

/// <summary>
/// SNS Publish in the simulation: passes the gate, then keeps every published message, in publish order, as the
/// notification subscribers would read (subject, message, message attributes).
/// </summary>
public sealed class CapturingSns(SimulationGate gate, string managementAccountId) : ISnsOperations
{
    private readonly ConcurrentQueue<Notification> published = new();
    private long messageIds;

    public IReadOnlyList<Notification> Published => published.ToArray();

    public async Task<string?> PublishAsync(
        string topicArn, string? subject, string message, IReadOnlyList<KeyValuePair<string, string>> attributes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(attributes);
        await gate.PassAsync(OperationNames.Sns, OperationNames.Publish, managementAccountId, cancellationToken);
        published.Enqueue(new Notification(subject ?? "", message, attributes.ToDictionary(StringComparer.Ordinal)));
        return $"message-{Interlocked.Increment(ref messageIds)}";
    }
}
