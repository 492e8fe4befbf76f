using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Sns;

/// <summary>Stands in when no topic is configured: notifications are dropped, and the host reports that they are off.</summary>
internal sealed class NoTopicNotifier : INotifier
{
    public Task PublishAsync(Notification notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
