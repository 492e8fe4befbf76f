using System.Text.RegularExpressions;
using KeyRotation.Aws.Digests;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Runs;
using Microsoft.Extensions.Logging;
using V = KeyRotation.Lambda.Configuration.EnvironmentVariables;

namespace KeyRotation.Lambda.Configuration;

/// <summary>Builds <see cref="HostSettings"/> from the environment; any bad value is a <see cref="ConfigurationException"/>.</summary>
internal static partial class HostSettingsReader
{
    public static HostSettings Read(IEnvironment environment)
    {
        var reader = new VariableReader(environment);

        var roleName = reader.Required(V.MemberRoleName, RoleName(), "an IAM role name of 1-64 characters [A-Za-z0-9+=,.@_-]");
        var externalId = reader.Required(V.ExternalId, ExternalId(), "2-1224 characters [A-Za-z0-9+=,.@:/_-]", hideValue: true);
        var topicArn = reader.Required(V.TopicArn, TopicArn(), "an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>)");
        var table = reader.Required(V.AuditTable, TableName(), "a DynamoDB table name of 3-255 characters [A-Za-z0-9_.-]");
        var dryRun = reader.Boolean(V.DryRun, fallback: null);
        var digestBucket = reader.Raw(V.AuditDigestBucket);
        if (digestBucket is not null && AuditDigestBucket.Problem(V.AuditDigestBucket, digestBucket) is { } digestProblem)
        {
            reader.Problem(digestProblem);
        }

        var reportBucket = reader.Raw(V.ReportBucket);
        if (reportBucket is not null && AuditDigestBucket.Problem(V.ReportBucket, reportBucket) is { } reportProblem)
        {
            reader.Problem(reportProblem);
        }

        var policy = PolicyVariables.Read(reader);
        var prefix = reader.Raw(V.TagPrefix) ?? TagConventions.DefaultPrefix;
        if (!TagPrefix().IsMatch(prefix))
        {
            reader.Problem($"{V.TagPrefix}='{prefix}' is not valid: expected 1-100 characters allowed in tag keys");
        }

        var targeting = new AccountTargeting(
            reader.List(V.IncludeAccounts, AccountId(), "a 12-digit account id"),
            reader.List(V.ExcludeAccounts, AccountId(), "a 12-digit account id"),
            reader.List(V.IncludeOrganizationalUnits, OrganizationalUnitId(), "an OU id (ou-xxxx-xxxxxxxx)"),
            reader.List(V.ExcludeOrganizationalUnits, OrganizationalUnitId(), "an OU id (ou-xxxx-xxxxxxxx)"));

        // The same rules the CLI applies (the engine's), named by variable instead of flag.
        var scope = ManagedScope.Parse(reader.Raw(V.ManagedUserPath), reader.Raw(V.ManagedUserTag), out var scopeProblems);
        foreach (var problem in scopeProblems)
        {
            reader.Problem(problem
                .Replace(ManagedScope.UserPathField, V.ManagedUserPath, StringComparison.Ordinal)
                .Replace(ManagedScope.UserTagField, V.ManagedUserTag, StringComparison.Ordinal));
        }

        var subscribers = (reader.Raw(V.PlaintextSubscribers) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (RotationRunOptionsValidation.PlaintextProblem(policy.SecretDelivery, subscribers) is { } plaintext)
        {
            reader.Problem(plaintext
                .Replace(RotationRunOptionsValidation.PlaintextSubscribersField, V.PlaintextSubscribers, StringComparison.Ordinal)
                .Replace("SecretDelivery is Notification", $"{V.SecretDelivery} is Notification", StringComparison.Ordinal));
        }

        var settings = new HostSettings
        {
            MemberRoleName = roleName,
            ExternalId = new SecretText(externalId),
            TopicArn = topicArn,
            AuditTableName = table,
            AuditDigestBucket = digestBucket,
            ReportBucket = reportBucket,
            DryRun = dryRun,
            Policy = policy,
            Tags = new TagConventions(prefix),
            Targeting = targeting,
            Scope = scope,
            BreakGlassRoleArn = reader.Raw(V.BreakGlassRoleArn),
            SecretsKmsKey = reader.Raw(V.SecretsKmsKey),
            PlaintextSubscribers = subscribers,
            MaxAccountsInFlight = reader.Integer(V.MaxAccountsInFlight, 1, 64, HostSettings.DefaultMaxAccountsInFlight),
            MaxUsersInFlight = reader.Integer(V.MaxUsersInFlight, 1, 16, 4),
            DeadlineMargin = TimeSpan.FromSeconds(reader.Integer(V.DeadlineMarginSeconds, 0, 300, 10)),
            MinimumTimePerAccount = TimeSpan.FromSeconds(reader.Integer(V.MinimumSecondsPerAccount, 0, 900, 30)),
            LogLevel = Enum.Parse<LogLevel>(reader.Choice(V.LogLevel, LogLevels, nameof(LogLevel.Information))),
            ReplaceExposedKeys = reader.Choice(V.ExposedKeyAction, ExposedKeyActions, ExposedKeyActions[0]) == ExposedKeyActions[1],
        };

        if (reader.Problems.Count > 0)
        {
            throw new ConfigurationException(reader.Problems);
        }

        return settings;
    }

    /// <summary>The level named by <see cref="EnvironmentVariables.LogLevel"/>, or Information when unset or unknown (init reports the bad value).</summary>
    public static LogLevel LenientLogLevel(IEnvironment environment)
    {
        var value = environment.Get(V.LogLevel)?.Trim();
        var match = LogLevels.FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase));
        return match is null ? LogLevel.Information : Enum.Parse<LogLevel>(match);
    }

    private static readonly string[] ExposedKeyActions = ["revoke", "revoke-and-replace"];

    private static readonly string[] LogLevels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleName();

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalId();

    [GeneratedRegex(@"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$")]
    private static partial Regex TopicArn();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableName();

    [GeneratedRegex(@"^[\p{L}\p{N}_.:/=+@-]{1,100}$")]
    private static partial Regex TagPrefix();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$")]
    private static partial Regex OrganizationalUnitId();
}
