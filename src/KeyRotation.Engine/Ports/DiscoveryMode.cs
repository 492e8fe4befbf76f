namespace KeyRotation.Engine.Ports;

/// <summary>How an identity store adapter discovers the users of an account. Default <see cref="Bulk"/>.</summary>
public enum DiscoveryMode
{
    /// <summary>
    /// A few account-wide calls: IAM GetAccountAuthorizationDetails (users and tags, 100 a page) and the credential
    /// report (GenerateCredentialReport, polled while in progress, then GetCredentialReport). The report can be up to
    /// four hours old and names no key ids, so users come back unconfirmed (<see cref="DiscoveredUsers"/>) and the
    /// engine reads a user live before deciding anything about it. Falls back to per-key reads, with a note, when
    /// the report cannot be had.
    /// </summary>
    Bulk,

    /// <summary>ListUsers, then per user ListUserTags and ListAccessKeys, and GetAccessKeyLastUsed per key: exact, live facts.</summary>
    PerKey,
}
