namespace KeyRotation.Aws.Permissions;

/// <summary>
/// The IAM actions each principal needs, sorted; the templates' policies must grant exactly these. Every action here
/// is declared with <see cref="RequiresPermissionAttribute"/> on an adapter method acting as that principal (a test
/// holds the two to each other), except <see cref="AuditTable"/>, which the DynamoDB audit store declares.
/// </summary>
internal static class Permissions
{
    /// <summary>
    /// What the central function needs on the audit table, as <c>Audit/DynamoDbAuditLog</c> calls it: DescribeTable
    /// and a probe PutItem (EnsureWritable), conditional PutItem (Append), Query (LastDeactivations). Auditors'
    /// unnarrowed queries also Scan, and table set-up needs CreateTable; neither is the function's business.
    /// </summary>
    public static IReadOnlyList<string> AuditTable { get; } =
    [
        "dynamodb:DescribeTable",
        "dynamodb:PutItem",
        "dynamodb:Query",
    ];

    /// <summary>
    /// What the central function needs on the audit digest bucket, as <c>Digests/S3AuditDigestStore</c> declares it:
    /// list and read the chain, add a digest. Never DeleteObject*, PutObjectRetention or BypassGovernanceRetention.
    /// </summary>
    public static IReadOnlyList<string> AuditDigests { get; } =
    [
        "s3:GetObject",
        "s3:ListBucket",
        "s3:PutObject",
    ];

    /// <summary>
    /// What the central function needs on the optional report bucket, as <c>Reports/S3PostureReportStore</c> declares
    /// it: put the monthly posture report (JSON and HTML) under <c>posture/</c>; nothing else.
    /// </summary>
    public static IReadOnlyList<string> PostureReports { get; } =
    [
        "s3:PutObject",
    ];

    /// <summary>
    /// What the central function needs on the fan-out bucket (StepFunctions mode), as <c>FanOut/S3FanOutStore</c>
    /// declares it: put a run's items (list-targets), get the map's result manifest and files (summarize).
    /// </summary>
    public static IReadOnlyList<string> FanOutObjects { get; } =
    [
        "s3:GetObject",
        "s3:PutObject",
    ];

    /// <summary>
    /// What the central function needs on the Organizations turns table (StepFunctions mode), as
    /// <c>Pacing/DynamoDbOrganizationsTurns</c> declares it: one conditional UpdateItem per turn taken or restarted.
    /// It never reads the number back, so no GetItem; nothing scans or deletes.
    /// </summary>
    public static IReadOnlyList<string> OrganizationsTurns { get; } =
    [
        "dynamodb:UpdateItem",
    ];

    /// <summary>The central function's role (management account or delegated administrator).</summary>
    public static IReadOnlyList<string> Central { get; } = Sorted(
    [
        "organizations:ListAccountsForParent",
        "organizations:ListOrganizationalUnitsForParent",
        "organizations:ListRoots",
        "organizations:ListTagsForResource",
        "sns:Publish",
        "sts:AssumeRole",
        "sts:SetSourceIdentity",
        // One account read afresh (rotate-account's re-read, and the incident actions' membership check).
        "organizations:DescribeAccount",
        "organizations:ListParents",
        // Incident actions (revoke, restore): the key's account from its id.
        "sts:GetAccessKeyInfo",
        .. AuditTable,
        .. AuditDigests,
        .. PostureReports,
        .. FanOutObjects,
        .. OrganizationsTurns,
    ]);

    /// <summary>The StackSet role assumed in every member account.</summary>
    public static IReadOnlyList<string> Member { get; } = Sorted(
    [
        "iam:CreateAccessKey",
        "iam:DeleteAccessKey",
        "iam:GenerateCredentialReport",
        "iam:GetAccessKeyLastUsed",
        "iam:GetAccountAuthorizationDetails",
        "iam:GetCredentialReport",
        "iam:GetUser",
        "iam:ListAccessKeys",
        "iam:ListUserTags",
        "iam:ListUsers",
        "iam:UpdateAccessKey",
        "secretsmanager:CreateSecret",
        "secretsmanager:DescribeSecret",
        "secretsmanager:PutResourcePolicy",
        "secretsmanager:PutSecretValue",
        "secretsmanager:TagResource",
    ]);

    /// <summary>
    /// The optional read-only operator role in each member account, for <c>keyrotation plan</c> from a workstation:
    /// the member role's discovery reads and the secret-name check, never a key or secret change.
    /// </summary>
    public static IReadOnlyList<string> Operator { get; } = Sorted(
    [
        "iam:GenerateCredentialReport",
        "iam:GetAccessKeyLastUsed",
        "iam:GetAccountAuthorizationDetails",
        "iam:GetCredentialReport",
        "iam:GetUser",
        "iam:ListAccessKeys",
        "iam:ListUserTags",
        "iam:ListUsers",
        "secretsmanager:DescribeSecret",
    ]);

    public static IReadOnlyList<string> For(AwsPrincipal principal) => principal switch
    {
        AwsPrincipal.Central => Central,
        AwsPrincipal.Member => Member,
        AwsPrincipal.Operator => Operator,
        _ => throw new ArgumentOutOfRangeException(nameof(principal), principal, "Unknown principal."),
    };

    private static string[] Sorted(string[] actions) => [.. actions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
