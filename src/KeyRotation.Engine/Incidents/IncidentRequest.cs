namespace KeyRotation.Engine.Incidents;

/// <summary>One operator action on one access key (revoke or restore); the run options say who, when and whether to act.</summary>
/// <param name="AccessKeyId">The key, e.g. AKIAIOSFODNN7EXAMPLE; only IAM user keys (AKIA...) can be revoked or restored.</param>
/// <param name="Reason">Why (revoke): recorded in the audit trail and told to the owner. Never a secret.</param>
/// <param name="Replace">Revoke: also create a replacement key and hand it over as a rotation does. Default false.</param>
/// <param name="Force">Restore: also a key outside its recovery window or not deactivated by this tool. Default false.</param>
public sealed record IncidentRequest(string AccessKeyId, string? Reason = null, bool Replace = false, bool Force = false);
