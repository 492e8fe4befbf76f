using AwsPermissions = KeyRotation.Aws.Permissions.Permissions;

namespace KeyRotation.Lambda.Tests.Templates;

/// <summary>
/// The IAM actions each role needs: the one list the templates are held to. <see cref="Member"/>, <see cref="Central"/>
/// and <see cref="AuditTable"/> are the AWS adapters' own declarations (<see cref="AwsPermissions"/>, which a test in
/// KeyRotation.Aws.Tests holds to the adapter methods), so a new call in the code fails these tests until the
/// templates grant it, and a grant the code no longer needs fails them until it is removed.
/// </summary>
internal static class DeclaredPermissions
{
    /// <summary>What the central function does inside a member account, through the member role.</summary>
    public static IReadOnlySet<string> Member { get; } = Set([.. AwsPermissions.Member]);

    /// <summary>What an operator's workstation may do in a member account (read-only discovery).</summary>
    public static IReadOnlySet<string> Operator { get; } = Set([.. AwsPermissions.Operator]);

    /// <summary>The member actions that change a user's keys: only on users in the managed scope.</summary>
    public static IReadOnlySet<string> MemberKeyChanges { get; } = Set(
        "iam:CreateAccessKey",
        "iam:UpdateAccessKey",
        "iam:DeleteAccessKey");

    /// <summary>
    /// Member actions IAM grants only on Resource "*" (no resource-level permission exists for them). ListUsers is one:
    /// granted on user/* it was granted on nothing, which the IAM policy evaluator tests found.
    /// </summary>
    public static IReadOnlySet<string> MemberAccountWide { get; } = Set(
        "iam:ListUsers",
        "iam:GenerateCredentialReport",
        "iam:GetCredentialReport",
        "iam:GetAccountAuthorizationDetails");

    /// <summary>What the adapters do from the central account, the audit table's actions included.</summary>
    public static IReadOnlySet<string> Central { get; } = Set([.. AwsPermissions.Central]);

    /// <summary>What the central function does on the audit table and its indexes (the DynamoDB audit store's calls).</summary>
    public static IReadOnlySet<string> AuditTable { get; } = Set([.. AwsPermissions.AuditTable]);

    /// <summary>What the central function does on the Organizations turns table (StepFunctions mode): one conditional UpdateItem per call.</summary>
    public static IReadOnlySet<string> OrganizationsTurns { get; } = Set([.. AwsPermissions.OrganizationsTurns]);

    /// <summary>
    /// What the Lambda host itself needs beyond the adapters: its log group, its dead-letter queue, and the stack's
    /// KMS key, which encrypts the topic it publishes to (SNS asks the publisher for data keys) and its environment.
    /// </summary>
    public static IReadOnlySet<string> CentralHost { get; } = Set(
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "sqs:SendMessage",
        "kms:GenerateDataKey",
        "kms:Decrypt");

    /// <summary>The Distributed Map: invoke the function, run child executions, read its items from and write its results to
    /// the fan-out bucket (ItemReader, ResultWriter), deliver its error log (vended logs).</summary>
    public static IReadOnlySet<string> StateMachine { get; } = Set(
        "lambda:InvokeFunction",
        "states:StartExecution",
        "states:DescribeExecution",
        "states:StopExecution",
        "s3:GetObject",
        "s3:PutObject",
        "s3:ListMultipartUploadParts",
        "s3:AbortMultipartUpload",
        "logs:CreateLogDelivery",
        "logs:GetLogDelivery",
        "logs:UpdateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries",
        "logs:PutResourcePolicy",
        "logs:DescribeResourcePolicies",
        "logs:DescribeLogGroups");

    /// <summary>EventBridge Scheduler: start the sweep (either target) and dead-letter what it cannot deliver.</summary>
    public static IReadOnlySet<string> Scheduler { get; } = Set(
        "lambda:InvokeFunction",
        "states:StartExecution",
        "sqs:SendMessage",
        "kms:GenerateDataKey",
        "kms:Decrypt");

    private static HashSet<string> Set(params string[] actions) => new(actions, StringComparer.Ordinal);
}
