namespace KeyRotation.Engine.Ports.Sns;

/// <summary>The SNS operation the tool uses, one request.</summary>
public interface ISnsOperations
{
    /// <summary>Publish to a topic, with String message attributes; returns the message id (null when not said).</summary>
    Task<string?> PublishAsync(
        string topicArn, string? subject, string message, IReadOnlyList<KeyValuePair<string, string>> attributes,
        CancellationToken cancellationToken);
}
