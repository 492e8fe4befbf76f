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
        .. AuditTable,
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

    public static IReadOnlyList<string> For(AwsPrincipal principal) => principal switch
    {
        AwsPrincipal.Central => Central,
        AwsPrincipal.Member => Member,
        _ => throw new ArgumentOutOfRangeException(nameof(principal), principal, "Unknown principal."),
    };

    private static string[] Sorted(string[] actions) => [.. actions.Order(StringComparer.Ordinal)];
}
