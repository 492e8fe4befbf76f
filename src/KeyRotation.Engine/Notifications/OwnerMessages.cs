using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using static KeyRotation.Engine.Notifications.NotificationComposer;

namespace KeyRotation.Engine.Notifications;

/// <summary>The text of each owner notification. Only <see cref="KeyCreatedWithSecret"/> ever carries a secret.</summary>
internal static class OwnerMessages
{
    public static Notification KeyCreated(
        AccountFacts account, string user, string owner, string accessKeyId, string detail, string location) =>
        Compose(NotificationEvent.KeyCreated, NotificationSeverity.Info, account, user, owner,
            $"new access key for {user} in {account.AccountId}",
            $"A new access key {accessKeyId} was created for IAM user {user} in account {AccountLabel(account)} ({detail}).\n" +
            $"The key pair is stored in Secrets Manager at {location}. Its resource policy lets {user} read it and denies " +
            "everyone else (the deployment's break-glass role aside, if it names one).\n" +
            "Move every client to the new key; the old key is deactivated once it is past its age and no longer used.");

    /// <summary>SecretDelivery.Notification: the one place a secret leaves the engine, by explicit opt-in.</summary>
    public static Notification KeyCreatedWithSecret(
        AccountFacts account, string user, string owner, NewAccessKey key, string detail) =>
        Compose(NotificationEvent.KeyCreated, NotificationSeverity.Info, account, user, owner,
            $"new access key for {user} in {account.AccountId}",
            $"A new access key was created for IAM user {user} in account {AccountLabel(account)} ({detail}).\n" +
            $"Access key id: {key.AccessKeyId}\n" +
            $"Secret access key: {key.SecretAccessKey.Reveal()}\n" +
            "Store it in a secret store now and delete this message.");

    public static Notification KeyDeactivated(
        AccountFacts account, string user, string owner, string accessKeyId, string reason, string detail) =>
        Compose(NotificationEvent.KeyDeactivated, NotificationSeverity.Info, account, user, owner,
            $"access key {accessKeyId} of {user} deactivated",
            $"Access key {accessKeyId} of IAM user {user} in account {AccountLabel(account)} was deactivated " +
            $"({reason}: {detail}). It can be reactivated during its recovery window; afterwards it is deleted.");

    public static Notification KeyDeleted(
        AccountFacts account, string user, string owner, string accessKeyId, string reason, string detail) =>
        Compose(NotificationEvent.KeyDeleted, NotificationSeverity.Info, account, user, owner,
            $"access key {accessKeyId} of {user} deleted",
            $"Inactive access key {accessKeyId} of IAM user {user} in account {AccountLabel(account)} was deleted " +
            $"({reason}: {detail}).");

    public static Notification StillInUse(
        AccountFacts account, string user, string owner, string? accessKeyId, string detail) =>
        Compose(NotificationEvent.StillInUse, NotificationSeverity.Warning, account, user, owner,
            $"old access key of {user} still in use in {account.AccountId}",
            $"Access key {accessKeyId ?? "(unknown)"} of IAM user {user} in account {AccountLabel(account)} is past its " +
            $"deactivation age but still in use ({detail}). Move every client to the newer key so it can be deactivated.");

    public static Notification KeyLimit(AccountFacts account, string user, string owner, string detail) =>
        Compose(NotificationEvent.KeyLimit, NotificationSeverity.Warning, account, user, owner,
            $"rotation blocked for {user} in {account.AccountId}",
            $"IAM user {user} in account {AccountLabel(account)} is due for a new access key but already holds two " +
            $"keys ({detail}). Delete the key no longer needed so the next run can rotate.");

    /// <summary>Someone else created the user's secret under this tool's name; the tool will not write a key into it.</summary>
    public static Notification SecretNameTaken(AccountFacts account, string user, string owner, string location) =>
        Compose(NotificationEvent.SecretNameTaken, NotificationSeverity.Critical, account, user, owner,
            $"rotation blocked for {user} in {account.AccountId}: secret name taken",
            $"IAM user {user} in account {AccountLabel(account)} is due for a new access key, but the secret {location} " +
            "where the new key would be kept was not created by key-rotation, so whoever created it could read the key. " +
            "No key was created. Find out who created that secret and why; once it is deleted, the next run rotates.");

    public static Notification RolledBack(
        AccountFacts account, string user, string owner, string accessKeyId, bool newKeyDeleted, string why) =>
        Compose(NotificationEvent.RotationRolledBack,
            newKeyDeleted ? NotificationSeverity.Warning : NotificationSeverity.Critical, account, user, owner,
            $"rotation rolled back for {user} in {account.AccountId}",
            $"A new access key {accessKeyId} for IAM user {user} in account {AccountLabel(account)} could not be handed " +
            $"over ({why}). " +
            (newKeyDeleted
                ? "The new key was deleted again; the existing keys are unchanged and the next run tries again."
                : $"Deleting the new key failed as well: key {accessKeyId} exists but its secret was delivered nowhere. " +
                  "Delete it by hand; the existing keys are unchanged."));
}
