using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sns;

namespace KeyRotation.Engine.Notifications;

/// <summary>
/// Publishes notifications to one SNS topic. Every non-empty attribute (event, account, user, owner, severity...) goes
/// out as a String message attribute, in key order, so owners can subscribe with filter policies; subject and message
/// are fitted into SNS's limits (<see cref="NotificationLimits"/>). One Publish per notification.
/// </summary>
public sealed class SnsNotifier : INotifier
{
    /// <summary>SNS accepts at most ten message attributes.</summary>
    public const int MaxAttributes = 10;

    private readonly ISnsOperations sns;

    /// <param name="topicArn">arn:partition:sns:region:account:name.</param>
    public SnsNotifier(ISnsOperations sns, string topicArn)
    {
        ArgumentNullException.ThrowIfNull(sns);
        ArgumentException.ThrowIfNullOrWhiteSpace(topicArn);
        this.sns = sns;
        TopicArn = topicArn;
    }

    public string TopicArn { get; }

    /// <summary>The operation this notifier publishes through; the resilience layer wraps it.</summary>
    internal ISnsOperations Operations => sns;

    public async Task PublishAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var attributes = notification.Attributes
            .Where(a => !string.IsNullOrEmpty(a.Value))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToList();
        if (attributes.Count > MaxAttributes)
        {
            throw new ArgumentException($"SNS allows {MaxAttributes} message attributes; the notification has {attributes.Count}.", nameof(notification));
        }

        await sns.PublishAsync(TopicArn, NotificationLimits.Subject(notification.Subject),
            NotificationLimits.Message(notification.Message, attributes), attributes, cancellationToken).ConfigureAwait(false);
    }
}
