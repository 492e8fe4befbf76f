using KeyRotation.Aws.Permissions;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Sns;

/// <summary>
/// Publishes notifications to one SNS topic. Every non-empty attribute (event, account, user, owner, severity...) goes
/// out as a String message attribute, in key order, so owners can subscribe with filter policies.
/// </summary>
[ActsAs(AwsPrincipal.Central)]
internal sealed class AwsNotifier(SnsClient sns, string topicArn) : INotifier
{
    /// <summary>SNS accepts at most ten message attributes.</summary>
    public const int MaxAttributes = 10;

    [RequiresPermission("sns:Publish")]
    public async Task PublishAsync(Notification notification, CancellationToken cancellationToken)
    {
        var attributes = notification.Attributes
            .Where(a => !string.IsNullOrEmpty(a.Value))
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToList();
        if (attributes.Count > MaxAttributes)
        {
            throw new ArgumentException($"SNS allows {MaxAttributes} message attributes; the notification has {attributes.Count}.", nameof(notification));
        }

        await sns.PublishAsync(topicArn, NotificationLimits.Subject(notification.Subject),
            NotificationLimits.Message(notification.Message, attributes), attributes, cancellationToken).ConfigureAwait(false);
    }
}
