namespace KeyRotation.Core.Facts;

/// <summary>What is known about one access key at planning time.</summary>
/// <param name="DeactivatedByToolAt">When this tool last deactivated the key, as the audit trail shows; null when someone else did or it is unknown.</param>
public sealed record AccessKeyFacts(
    string AccessKeyId,
    AccessKeyStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? DeactivatedByToolAt = null);
