using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Notifications;

/// <summary>Stands in when no topic is configured: notifications are dropped, and the host reports that they are off.</summary>
public sealed class NoTopicNotifier : INotifier
{
    public Task PublishAsync(Notification notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
