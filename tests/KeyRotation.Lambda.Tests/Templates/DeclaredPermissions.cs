namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>
/// The IAM actions the code needs, per role: the one list the templates are held to. <see cref="Member"/> is the
/// AWS adapters' own list; <see cref="Central"/> is what they call from the central account (point it at
/// <c>Permissions.Central</c> once the template grants exactly that).
/// </summary>
internal static class DeclaredPermissions
{
    /// <summary>
    /// What the central function does inside a member account, through the member role: exactly what the AWS
    /// adapters declare (<c>[RequiresPermission]</c> on each method acting as the member role).
    /// </summary>
    public static IReadOnlySet<string> Member { get; } = Set([.. KeyRotation.Aws.Permissions.Permissions.Member]);

    /// <summary>Member actions IAM grants only on Resource "*" (no resource-level permission exists for them).</summary>
    public static IReadOnlySet<string> MemberAccountWide { get; } = Set(
        "iam:GenerateCredentialReport",
        "iam:GetCredentialReport",
        "iam:GetAccountAuthorizationDetails");

    /// <summary>What the adapters do from the central account.</summary>
    public static IReadOnlySet<string> Central { get; } = Set(
        "sts:AssumeRole",
        "organizations:ListAccounts",
        "organizations:ListParents",
        "organizations:ListTagsForResource",
        "organizations:DescribeOrganizationalUnit",
        "dynamodb:PutItem",
        "dynamodb:BatchWriteItem",
        "dynamodb:Query",
        "dynamodb:DescribeTable",
        "dynamodb:GetItem",
        "sns:Publish",
        "kms:GenerateDataKey",
        "kms:Decrypt");

    /// <summary>What the Lambda host itself needs beyond the adapters: its log group and its dead-letter queue.</summary>
    public static IReadOnlySet<string> CentralHost { get; } = Set(
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "sqs:SendMessage");

    /// <summary>The Distributed Map: invoke the function, run child executions.</summary>
    public static IReadOnlySet<string> StateMachine { get; } = Set(
        "lambda:InvokeFunction",
        "states:StartExecution",
        "states:DescribeExecution",
        "states:StopExecution");

    /// <summary>EventBridge Scheduler: start the sweep (either target) and dead-letter what it cannot deliver.</summary>
    public static IReadOnlySet<string> Scheduler { get; } = Set(
        "lambda:InvokeFunction",
        "states:StartExecution",
        "sqs:SendMessage",
        "kms:GenerateDataKey",
        "kms:Decrypt");

    private static HashSet<string> Set(params string[] actions) => new(actions, StringComparer.Ordinal);
}
