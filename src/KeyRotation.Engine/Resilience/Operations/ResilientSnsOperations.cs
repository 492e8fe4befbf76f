using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sns;
using KeyRotation.Engine.Resilience.Pipelines;
using KeyRotation.Engine.Resilience.Retry;

namespace KeyRotation.Engine.Resilience.Operations;

/// <summary>
/// Publish is retried on transient errors too, although a publish that did land is then sent twice: owners would
/// rather read a notice twice than miss that their key was rotated. No account breaker: SNS trouble is the run's,
/// not a member account's.
/// </summary>
internal sealed class ResilientSnsOperations(ISnsOperations inner, ResilientCalls calls) : ISnsOperations
{
    public Task<string?> PublishAsync(
        string topicArn, string? subject, string message, IReadOnlyList<KeyValuePair<string, string>> attributes,
        CancellationToken cancellationToken) =>
        calls.RunAsync(OperationNames.Sns, OperationNames.Publish,
            ct => inner.PublishAsync(topicArn, subject, message, attributes, ct), cancellationToken);
}
