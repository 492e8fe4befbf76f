using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// Publishes owner notifications for changes already made. A failed publish never undoes the change: it is audited
/// (Notify/Failed) and noted in the report. Runs uncancelled, because the owner must hear of what happened.
/// </summary>
internal sealed class OwnerNotifier(INotifier notifier)
{
    public async Task NotifyAsync(Notification notification, UserLog log, string? accessKeyId, ReasonCode reason)
    {
        var error = await TryPublishAsync(notification);
        if (error is null)
        {
            return;
        }

        var eventName = notification.Attributes[NotificationAttribute.Event];
        log.Audit(AuditAction.Notify, reason.ToString(), accessKeyId, AuditOutcome.Failed,
            $"{eventName} notification for owner {log.Owner}", error);
        log.Note($"{eventName} notification failed: {error}");
    }

    /// <returns>Null when published, otherwise what went wrong.</returns>
    public async Task<string?> TryPublishAsync(Notification notification)
    {
        try
        {
            await notifier.PublishAsync(notification, CancellationToken.None);
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }
}
