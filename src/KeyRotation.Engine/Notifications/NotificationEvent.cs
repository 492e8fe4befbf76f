namespace KeyRotation.Engine.Notifications;

/// <summary>Values of the <c>event</c> message attribute owners filter on.</summary>
internal static class NotificationEvent
{
    public const string KeyCreated = "KeyCreated";
    public const string KeyDeactivated = "KeyDeactivated";
    public const string KeyDeleted = "KeyDeleted";
    public const string StillInUse = "StillInUse";
    public const string KeyLimit = "KeyLimit";
    public const string RotationRolledBack = "RotationRolledBack";
    public const string SecretNameTaken = "SecretNameTaken";
}

/// <summary>Values of the <c>severity</c> message attribute.</summary>
internal static class NotificationSeverity
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";
}

/// <summary>Names of the message attributes every notification carries.</summary>
internal static class NotificationAttribute
{
    public const string Event = "event";
    public const string Account = "account";
    public const string User = "user";
    public const string Owner = "owner";
    public const string Severity = "severity";
}
