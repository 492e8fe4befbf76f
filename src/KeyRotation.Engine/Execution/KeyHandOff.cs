using KeyRotation.Core.Planning;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Ports;
using static KeyRotation.Core.Audit.AuditOutcome;

namespace KeyRotation.Engine.Execution;

/// <summary>
/// Creates a key and hands its secret over, or takes the key back. Once IAM has created the key, the hand-off and
/// any roll-back run uncancelled: a key whose secret reached nobody must not be left behind. A secret of the user's
/// name that this tool did not create is looked for first: whoever created it could read what is written into it,
/// so then no key is created at all.
/// </summary>
internal sealed class KeyHandOff(IAccountSession session, OwnerNotifier notifier)
{
    /// <returns>True when the rest of the user's plan may go on.</returns>
    /// <param name="liveKeyIds">The user's keys when the plan was made, to tell whether a failed create made one.</param>
    public async Task<bool> CreateAsync(
        PlannedAction action, UserLog log, IReadOnlyCollection<string> liveKeyIds, CancellationToken cancellationToken)
    {
        if (log.Policy.SecretDelivery == SecretDelivery.SecretsManager
            && await CheckSecretNameAsync(action, log, cancellationToken) is { } goOn)
        {
            return goOn;
        }

        CreateOutcome created;
        try
        {
            created = await CheckedCreate.RunAsync(session.Identity, liveKeyIds, log, cancellationToken);
        }
        catch (ServiceException e) when (e.Kind == FailureKind.LimitExceeded)
        {
            // The user gained a key since it was read: not a crash, the owner has to make room.
            var detail = $"IAM refused a new key ({e.Code}): the user already holds two keys";
            log.Record(ActionKind.Blocked, ReasonCode.KeyLimit, null, Succeeded, detail);
            await notifier.NotifyAsync(OwnerMessages.KeyLimit(log.Account, log.UserName, log.Owner, detail),
                log, null, ReasonCode.KeyLimit);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Record(action, Failed, PlanExecutor.CancelledError);
            return false;
        }
        catch (Exception e)
        {
            log.Record(action, Failed, log.Fault(e));
            return false;
        }

        if (created is not { Key: { } key })
        {
            await RollBackAsync(action, created.OrphanKeyId!, text => text, log,
                $"IAM answered {created.Error} but created the key anyway, and its secret was lost with the answer");
            return false;
        }

        return log.Policy.SecretDelivery == SecretDelivery.Notification
            ? await SendInNotificationAsync(action, key, log)
            : await StoreAsync(action, key, log);
    }

    /// <returns>Null when the key may be created (no secret yet, or one this tool created); otherwise whether the rest
    /// of the user's plan may go on.</returns>
    private async Task<bool?> CheckSecretNameAsync(PlannedAction action, UserLog log, CancellationToken cancellationToken)
    {
        StoredSecretInfo? secret;
        try
        {
            secret = await session.Secrets.DescribeAsync(log.UserName, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Record(action, Failed, PlanExecutor.CancelledError);
            return false;
        }
        catch (Exception e)
        {
            // Unknown is not clear: a key must not be created for a secret that might be someone else's.
            log.Record(action, Failed, $"not attempted: checking the user's secret failed: {log.Fault(e)}");
            return false;
        }

        if (secret is null or { CreatedByThisTool: true }) return null;

        // Like KeyLimit, a decision that changes nothing: the rest of the plan (old keys) still applies.
        log.Record(ActionKind.Blocked, ReasonCode.SecretNameTaken, null, Succeeded,
            $"rotation due ({action.Detail}), but the secret {secret.Location} was not created by this tool (its tags do not say so), " +
            "so whoever created it could read the new key; no key was created");
        await notifier.NotifyAsync(OwnerMessages.SecretNameTaken(log.Account, log.UserName, log.Owner, secret.Location),
            log, null, ReasonCode.SecretNameTaken);
        return true;
    }

    private async Task<bool> StoreAsync(PlannedAction action, NewAccessKey key, UserLog log)
    {
        string location;
        try
        {
            location = await session.Secrets.StoreAccessKeyAsync(log.UserName, key, CancellationToken.None);
        }
        catch (Exception e)
        {
            await RollBackAsync(action, key, log, $"storing the secret failed: {Scrub(log.Fault(e), key)}");
            return false;
        }

        log.Record(action, Succeeded, accessKeyId: key.AccessKeyId,
            detail: $"{action.Detail}; secret stored at {location}");
        await notifier.NotifyAsync(
            OwnerMessages.KeyCreated(log.Account, log.UserName, log.Owner, key.AccessKeyId, action.Detail, location),
            log, key.AccessKeyId, action.Reason);
        return true;
    }

    private async Task<bool> SendInNotificationAsync(PlannedAction action, NewAccessKey key, UserLog log)
    {
        var message = OwnerMessages.KeyCreatedWithSecret(log.Account, log.UserName, log.Owner, key, action.Detail);
        if (await notifier.TryPublishAsync(message) is { } error)
        {
            // The message was the only copy of the secret: without it the key is useless, so it goes.
            await RollBackAsync(action, key, log, $"sending the secret in the notification failed: {Scrub(error, key)}");
            return false;
        }

        log.Record(action, Succeeded, accessKeyId: key.AccessKeyId, detail: $"{action.Detail}; secret sent in the notification");
        log.Record(ActionKind.Warn, ReasonCode.SecretSentInNotification, key.AccessKeyId, Succeeded,
            "the secret access key travelled in the SNS message (SecretDelivery=Notification, explicit opt-in)");
        return true;
    }

    private Task RollBackAsync(PlannedAction action, NewAccessKey key, UserLog log, string why) =>
        RollBackAsync(action, key.AccessKeyId, text => Scrub(text, key), log, why);

    /// <param name="scrub">Takes the new key's secret out of an error text, where there is a secret.</param>
    private async Task RollBackAsync(
        PlannedAction action, string accessKeyId, Func<string, string> scrub, UserLog log, string why)
    {
        string? deleteError = null;
        try
        {
            await session.Identity.DeleteAccessKeyAsync(log.UserName, accessKeyId, CancellationToken.None);
        }
        catch (Exception e)
        {
            deleteError = scrub(log.Fault(e));
        }

        if (deleteError is null)
        {
            log.Record(action, Failed, $"{why}; the new key was deleted again", accessKeyId);
            log.Record(ActionKind.DeleteKey, ReasonCode.RotationRolledBack, accessKeyId, Succeeded,
                "new key deleted because its secret could not be handed over; the existing keys are unchanged");
        }
        else
        {
            log.Record(action, Failed, $"{why}; deleting the new key failed too", accessKeyId);
            log.Record(ActionKind.DeleteKey, ReasonCode.RotationRolledBack, accessKeyId, Failed,
                "new key could not be deleted after its secret could not be handed over",
                $"key {accessKeyId} exists unhandled (its secret was delivered nowhere); delete it by hand: {deleteError}");
        }

        await notifier.NotifyAsync(
            OwnerMessages.RolledBack(log.Account, log.UserName, log.Owner, accessKeyId, deleteError is null, why),
            log, accessKeyId, ReasonCode.RotationRolledBack);
    }

    /// <summary>A faulty adapter could echo the request; the secret must not ride along into reports.</summary>
    private static string Scrub(string text, NewAccessKey key) => key.SecretAccessKey.RedactFrom(text);
}
