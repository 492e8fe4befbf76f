using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Resilience;

/// <summary>
/// Publishing is retried on transient errors too, although a publish that did land is then sent twice: owners
/// would rather read a notice twice than miss that their key was rotated. No account breaker: SNS trouble is the
/// run's, not a member account's.
/// </summary>
internal sealed class ResilientNotifier(INotifier inner, ResilientCalls calls) : INotifier
{
    public Task PublishAsync(Notification notification, CancellationToken cancellationToken) =>
        calls.RunAsync(ServiceNames.Sns, Operations.Publish, ct => inner.PublishAsync(notification, ct), cancellationToken);
}
