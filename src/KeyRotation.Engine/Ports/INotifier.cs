namespace KeyRotation.Engine.Ports;

/// <summary>Publishes one event to owners (SNS in real AWS).</summary>
public interface INotifier
{
    Task PublishAsync(Notification notification, CancellationToken cancellationToken);
}

/// <summary>One message. Attributes carry event, account, user, owner and severity for subscription filters.</summary>
public sealed record Notification(string Subject, string Message, IReadOnlyDictionary<string, string> Attributes);
