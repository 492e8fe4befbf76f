using System.CommandLine;
using System.Text.RegularExpressions;
using KeyRotation.Aws.Configuration;
using KeyRotation.Cli.Running;

namespace KeyRotation.Cli.Options;

/// <summary>
/// Where and as whom plan and run act when no --simulation is given: the central credentials, region and endpoint
/// the way the AWS CLI takes them, the member role, the topic and the audit table; for run, the --confirm without
/// which nothing in AWS is changed.
/// </summary>
internal sealed partial class AwsOptions
{
    /// <summary>Where --external-id is read from when the flag is left out, so it need not sit in shell history.</summary>
    public const string ExternalIdVariable = "KEYROTATION_EXTERNAL_ID";

    /// <summary>A real run may not act on an instant later than now plus this (clock skew).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public Option<string> Profile { get; } = new("--profile")
    {
        Description = "AWS shared-config profile for the central credentials and region (default: $AWS_PROFILE, then the SDK's default chain).",
        HelpName = "NAME",
    };

    public Option<string> Region { get; } = new("--region")
    {
        Description = "AWS region (default: $AWS_REGION, then $AWS_DEFAULT_REGION, then the profile's).",
    };

    public Option<string> EndpointUrl { get; } = new("--endpoint-url")
    {
        Description = "One endpoint for every AWS service, e.g. a local emulator (default: $AWS_ENDPOINT_URL_<SERVICE>, then $AWS_ENDPOINT_URL).",
        HelpName = "URL",
    };

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

    public Option<string> AuditTable { get; } = new("--audit-table")
    {
        Description = "DynamoDB table for the audit trail, reached with the same credentials, region and endpoint (default: kept in memory and lost when the command ends).",
        HelpName = "NAME",
    };

    public Option<bool> Confirm { get; } = new("--confirm")
    {
        Description = "Let run change access keys and secrets in AWS and notify owners; without it run refuses (see what it would do with plan).",
    };

    public void AddTo(Command command, bool withConfirm)
    {
        foreach (var option in new Option[] { Profile, Region, EndpointUrl, RoleName, ExternalId, TopicArn, AuditTable })
        {
            command.Add(option);
        }

        if (withConfirm)
        {
            command.Add(Confirm);
        }
    }

    /// <summary>With --simulation nothing goes to AWS, so an AWS flag there is a mistake worth naming.</summary>
    /// <exception cref="InvalidInputException">Any AWS flag was given; names each.</exception>
    public void RejectWithSimulation(ParseResult result)
    {
        var given = new Option[] { Profile, Region, EndpointUrl, RoleName, ExternalId, TopicArn, AuditTable }
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

        if (!run.DryRun && run.AsOf > environment.Time.GetUtcNow() + FutureTolerance)
        {
            throw new InvalidInputException(
                $"--as-of: {InstantText(run.AsOf)} is in the future; a run against AWS never acts on a future instant "
                + "(keys would look older than they are); use plan to see what a later run would do");
        }

        var settings = new AwsSettings
        {
            RunId = run.RunId,
            Profile = result.GetValue(Profile),
            Region = result.GetValue(Region),
            EndpointUrl = result.GetValue(EndpointUrl),
            ExternalId = result.GetValue(ExternalId) ?? NonEmpty(environment.Variables(ExternalIdVariable)),
            TopicArn = result.GetValue(TopicArn),
        };
        if (result.GetValue(RoleName) is { } roleName)
        {
            settings = settings with { MemberRoleName = roleName };
        }

        var problems = settings.Validate().Select(Flagged).ToList();
        var table = result.GetValue(AuditTable);
        if (table is not null && !TableName().IsMatch(table))
        {
            problems.Add($"{AuditTable.Name} '{table}' is not a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)");
        }

        return problems.Count == 0 ? new AwsRunOptions(settings, table) : throw new InvalidInputException(string.Join("; ", problems));
    }

    /// <summary>Validation names the settings' fields; the user typed flags.</summary>
    private string Flagged(string problem)
    {
        foreach (var (field, option) in new (string, Option)[]
                 {
                     ("MemberRoleName", RoleName), ("ExternalId", ExternalId), ("TopicArn", TopicArn),
                     ("Region", Region), ("EndpointUrl", EndpointUrl),
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

    private static string InstantText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableName();
}
