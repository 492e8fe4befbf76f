namespace KeyRotation.Core.Planning;

/// <summary>One decision of the planner for one user (and, except for CreateKey and user-level notes, one key).</summary>
/// <param name="AccessKeyId">The key acted on; null for CreateKey and for user-level Skip/Warn/Blocked.</param>
/// <param name="Detail">Human-readable context, e.g. "replaces AKIA...". Never a secret.</param>
/// <param name="KeyAgeDays">Age in whole days of the key acted on, when there is one.</param>
/// <param name="LastUsedAt">Last use of the key acted on, when known.</param>
public sealed record PlannedAction(
    ActionKind Action,
    ReasonCode Reason,
    string UserName,
    string? AccessKeyId,
    string Detail,
    int? KeyAgeDays = null,
    DateTimeOffset? LastUsedAt = null)
{
    /// <summary>True for the actions that change IAM: create, deactivate, delete.</summary>
    public bool IsMutation => Action is ActionKind.CreateKey or ActionKind.DeactivateKey or ActionKind.DeleteKey;
}
