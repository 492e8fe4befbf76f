using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Ports.Iam;

/// <summary>A user as ListUsers and GetUser describe it.</summary>
public sealed record IamUser(string UserName, string Path, string Arn)
{
    /// <summary>The user's tags as GetUser returns them; null from ListUsers, which returns none.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>A user as GetAccountAuthorizationDetails describes it: with its tags.</summary>
public sealed record IamUserDetail(string UserName, string Path, string Arn, IReadOnlyDictionary<string, string> Tags);

/// <summary>An access key as ListAccessKeys describes it (no secret, no last use).</summary>
public sealed record IamAccessKey(string AccessKeyId, AccessKeyStatus Status, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// When this tool set the key Inactive, where the IAM answering knows it: only the simulation does (its state file
    /// keeps it across runs). Real IAM has no such field: null, and the engine takes it from the audit log.
    /// </summary>
    public DateTimeOffset? DeactivatedByToolAt { get; init; }
}

/// <summary>GetAccessKeyLastUsed's answer: the key's user, and when it was last used (null: never).</summary>
public sealed record AccessKeyLastUse(string UserName, DateTimeOffset? LastUsedAt);

/// <summary>GenerateCredentialReport's answer.</summary>
public enum CredentialReportState
{
    Started,
    InProgress,
    Complete,
}

/// <summary>GetCredentialReport's answer: the report's CSV text and when IAM generated it (null when not said).</summary>
public sealed record CredentialReportDocument(string Csv, DateTimeOffset? GeneratedAt);
