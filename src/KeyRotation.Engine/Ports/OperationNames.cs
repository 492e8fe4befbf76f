namespace KeyRotation.Engine.Ports;

/// <summary>
/// Service and operation names: the keys the engine's pipelines run under and the names the simulated AWS reports
/// to its gate, so retries, logs, fault rules and call counts name an operation alike. Where a port method is one
/// real API call the real name is used.
/// </summary>
public static class OperationNames
{
    public const string Iam = "iam";
    public const string Sts = "sts";
    public const string Organizations = "organizations";
    public const string SecretsManager = "secretsmanager";
    public const string Sns = "sns";
    public const string Audit = "audit";

    /// <summary>The services a pipeline exists for.</summary>
    public static IReadOnlyList<string> Services { get; } = [Iam, Sts, Organizations, SecretsManager, Sns, Audit];

    /// <summary>Organizations: the roots (one page).</summary>
    public const string ListRoots = "ListRoots";

    /// <summary>Organizations: one page of the OUs directly below a root or OU.</summary>
    public const string ListOrganizationalUnitsForParent = "ListOrganizationalUnitsForParent";

    /// <summary>Organizations: one page of the accounts directly below a root or OU.</summary>
    public const string ListAccountsForParent = "ListAccountsForParent";

    /// <summary>Organizations: an account's or OU's tags.</summary>
    public const string ListTagsForResource = "ListTagsForResource";

    /// <summary>Organizations: one account's name and state (the start of the re-read of rotate-account and the incident actions).</summary>
    public const string DescribeAccount = "DescribeAccount";

    /// <summary>Organizations: the parent of an account or OU.</summary>
    public const string ListParents = "ListParents";
    public const string AssumeRole = "AssumeRole";

    /// <summary>One page (100) of users, without tags: the start of per-key discovery.</summary>
    public const string ListUsers = "ListUsers";

    /// <summary>One user with its tags: the first call of the live re-read of one user; ListAccessKeys and
    /// GetAccessKeyLastUsed per key follow.</summary>
    public const string GetUser = "GetUser";

    /// <summary>One user's tags (per-key discovery).</summary>
    public const string ListUserTags = "ListUserTags";

    /// <summary>One user's keys: id, status, creation.</summary>
    public const string ListAccessKeys = "ListAccessKeys";

    /// <summary>One key's last use.</summary>
    public const string GetAccessKeyLastUsed = "GetAccessKeyLastUsed";

    /// <summary>One page (100) of users with their tags (Filter=User): the start of bulk discovery.</summary>
    public const string GetAccountAuthorizationDetails = "GetAccountAuthorizationDetails";

    /// <summary>Starts a credential report, or says it is in progress or complete; polled until complete.</summary>
    public const string GenerateCredentialReport = "GenerateCredentialReport";

    /// <summary>The account's credential report: every user's keys by slot (no key ids) with status, creation and last use.</summary>
    public const string GetCredentialReport = "GetCredentialReport";

    public const string CreateAccessKey = "CreateAccessKey";
    public const string UpdateAccessKey = "UpdateAccessKey";
    public const string DeleteAccessKey = "DeleteAccessKey";

    /// <summary>A new secret with its first value (the hand-off of a user's first key pair).</summary>
    public const string CreateSecret = "CreateSecret";

    /// <summary>A new value of an existing secret.</summary>
    public const string PutSecretValue = "PutSecretValue";

    /// <summary>Tags on a secret.</summary>
    public const string TagResource = "TagResource";

    /// <summary>A secret's resource policy (owner-only).</summary>
    public const string PutResourcePolicy = "PutResourcePolicy";

    /// <summary>Looking at the user's secret (who created it, which key it names), never its value.</summary>
    public const string DescribeSecret = "DescribeSecret";

    public const string Publish = "Publish";

    public const string EnsureWritable = "EnsureWritable";
    public const string AppendEvents = "AppendEvents";
    public const string LastDeactivations = "LastDeactivations";
    public const string UnresolvedIntents = "UnresolvedIntents";
    public const string QueryEvents = "QueryEvents";

    /// <summary>STS: who the central credentials are.</summary>
    public const string GetCallerIdentity = "GetCallerIdentity";

    /// <summary>STS: the account an access key id belongs to.</summary>
    public const string GetAccessKeyInfo = "GetAccessKeyInfo";
}
