using System.Collections.Concurrent;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Ports;

/// <summary>SNS Publish in the simulation: keeps every published notification, in publish order.</summary>
public sealed class CapturingNotifier(SimulationGate gate, string managementAccountId) : INotifier
{
    private readonly ConcurrentQueue<Notification> published = new();

    public IReadOnlyList<Notification> Published => published.ToArray();

    public async Task PublishAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await gate.PassAsync(SimulatedOperations.Sns, SimulatedOperations.Publish, managementAccountId, cancellationToken);
        published.Enqueue(notification);
    }
}
