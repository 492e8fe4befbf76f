using System.CommandLine;
using KeyRotation.Aws.Configuration;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Settings;
using KeyRotation.Engine.Settings;

namespace KeyRotation.Cli.Options;

/// <summary>
/// Where and as whom plan and run act when no --simulation is given: the member role, the topic, and for run the
/// --confirm without which nothing in AWS is changed. Credentials, region, endpoint and audit table come from the
/// flags <see cref="AuditStoreOptions"/> adds, read the way the AWS CLI reads them.
/// </summary>
internal sealed class AwsOptions
{
    /// <summary>Where --external-id is read from when the flag is left out, so it need not sit in shell history.</summary>
    public const string ExternalIdVariable = "KEYROTATION_EXTERNAL_ID";

    private readonly AuditStoreOptions connection;

    /// <param name="connection">
    /// The --audit-table, --profile, --region and --endpoint-url flags plan and run already have (they reach the
    /// audit table with --simulation); against AWS they reach every service, and their help says so.
    /// </param>
    public AwsOptions(AuditStoreOptions connection)
    {
        this.connection = connection;
        connection.Profile.Description =
            "AWS shared-config profile for credentials and region: of the central caller against AWS (default: $AWS_PROFILE, then the SDK's default chain), of the audit table with --simulation.";
        connection.Region.Description =
            "AWS region (default: $AWS_REGION, then $AWS_DEFAULT_REGION, then the profile's).";
        connection.EndpointUrl.Description =
            "Endpoint for every AWS service against AWS, e.g. a local emulator (default: $AWS_ENDPOINT_URL_<SERVICE>, then $AWS_ENDPOINT_URL); for the audit table only with --simulation.";
    }

    public Option<string> RoleName { get; } = new("--role-name")
    {
        Description = "Role assumed in each member account (default: KeyRotationMemberRole, as the StackSet deploys it).",
        HelpName = "NAME",
    };

    public Option<string> ExternalId { get; } = new("--external-id")
    {
        Description = $"sts:ExternalId the member role's trust policy requires (default: ${ExternalIdVariable}). Never printed.",
        HelpName = "ID",
    };

    public Option<string> TopicArn { get; } = new("--topic-arn")
    {
        Description = "SNS topic for owner notifications (default: none, and notifications are off).",
        HelpName = "ARN",
    };

    public Option<string> BreakGlassRoleArn { get; } = new("--break-glass-role-arn")
    {
        Description = "IAM role that each secret's resource policy does not deny reading, for recovery by a security team (default: none; only each secret's owner may read it).",
        HelpName = "ARN",
    };

    public Option<string> SecretsKmsKey { get; } = new("--secrets-kms-key")
    {
        Description = "KMS key (alias/NAME in each member account, key id or ARN) new secrets are encrypted with (default: Secrets Manager's AWS managed key).",
        HelpName = "KEY",
    };

    public Option<bool> Confirm { get; } = new("--confirm")
    {
        Description = "Let run change access keys and secrets in AWS and notify owners; without it run refuses (see what it would do with plan).",
    };

    public Option<bool> WithoutAuditTable { get; } = new("--without-audit-table")
    {
        Description = "Let run act without --audit-table: history stays in memory and is lost, and keys this tool deactivated earlier lose their recovery window. Default: run refuses.",
    };

    public void AddTo(Command command, bool withConfirm)
    {
        foreach (var option in new Option[] { RoleName, ExternalId, TopicArn, BreakGlassRoleArn, SecretsKmsKey })
        {
            command.Add(option);
        }

        if (withConfirm)
        {
            command.Add(Confirm);
            command.Add(WithoutAuditTable);
        }
    }

    /// <summary>With --simulation nothing goes to AWS, so an AWS flag there is a mistake worth naming.</summary>
    /// <exception cref="InvalidInputException">Any AWS flag was given; names each.</exception>
    public void RejectWithSimulation(ParseResult result)
    {
        var given = new Option[] { RoleName, ExternalId, TopicArn, BreakGlassRoleArn, SecretsKmsKey, WithoutAuditTable }
            .Where(o => result.GetResult(o) is { Implicit: false })
            .Select(o => o.Name)
            .ToArray();
        if (given.Length > 0)
        {
            throw new InvalidInputException(
                $"{string.Join(", ", given)} {(given.Length == 1 ? "applies" : "apply")} to runs against AWS only; leave out --simulation to use AWS, or drop {(given.Length == 1 ? "it" : "them")}");
        }
    }

    /// <summary>The AWS side of a plan or run, checked before anything is contacted.</summary>
    /// <exception cref="InvalidInputException">run without --confirm, a future --as-of for a run, or a bad value; names each.</exception>
    public AwsRunOptions Read(ParseResult result, RunSettings run, CliEnvironment environment)
    {
        if (!run.DryRun && !result.GetValue(Confirm))
        {
            throw new InvalidInputException(
                "run against AWS changes access keys and secrets and notifies their owners, so it needs --confirm; "
                + "see what it would do first with 'keyrotation plan' and the same flags, then add --confirm");
        }

        // The trail is what keeps a key this tool deactivated restorable: without it the next run judges that key by
        // age alone and may delete it at once. So a real run needs a table, or an explicit, named opt-out.
        if (!run.DryRun && run.AuditStore is null && !result.GetValue(WithoutAuditTable))
        {
            throw new InvalidInputException(
                "run against AWS needs --audit-table NAME: the audit trail records every change for auditors and keeps "
                + "each key this tool deactivated restorable for its recovery window (create one with 'keyrotation audit "
                + "create-table --table NAME'); to act with an in-memory trail anyway, add --without-audit-table");
        }

        if (RotationSettings.FutureAsOfProblem(run.AsOf, environment.Time.GetUtcNow(), run.DryRun) is { } future)
        {
            throw new InvalidInputException(future.Render(_ => ReportOptions.AsOfFlag) + " (keyrotation plan)");
        }

        var settings = new AwsSettings
        {
            RunId = run.RunId,
            Profile = result.GetValue(connection.Profile),
            Region = result.GetValue(connection.Region),
            EndpointUrl = result.GetValue(connection.EndpointUrl),
            ExternalId = result.GetValue(ExternalId) ?? NonEmpty(environment.Variables(ExternalIdVariable)),
            TopicArn = result.GetValue(TopicArn),
            BreakGlassRoleArn = result.GetValue(BreakGlassRoleArn),
            SecretsKmsKeyId = result.GetValue(SecretsKmsKey),
        };
        if (result.GetValue(RoleName) is { } roleName)
        {
            settings = settings with { MemberRoleName = roleName };
        }

        var problems = settings.Validate().Select(Flagged).ToList();
        return problems.Count == 0
            ? new AwsRunOptions(settings, run.AuditStore?.TableName) { AuditDigestBucket = run.AuditDigestBucket }
            : throw new InvalidInputException(string.Join("; ", problems));
    }

    /// <summary>Validation names the settings' fields; the user typed flags.</summary>
    private string Flagged(string problem)
    {
        foreach (var (field, option) in new (string, Option)[]
                 {
                     ("MemberRoleName", RoleName), ("ExternalId", ExternalId), ("TopicArn", TopicArn),
                     ("BreakGlassRoleArn", BreakGlassRoleArn), ("SecretsKmsKeyId", SecretsKmsKey),
                     ("Region", connection.Region), ("EndpointUrl", connection.EndpointUrl),
                 })
        {
            if (problem.StartsWith(field + " ", StringComparison.Ordinal))
            {
                return option.Name + problem[field.Length..];
            }
        }

        return problem;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
