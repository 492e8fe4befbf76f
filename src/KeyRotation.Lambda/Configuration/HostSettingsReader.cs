using System.Text.RegularExpressions;
using KeyRotation.Aws.Digests;
using KeyRotation.Aws.S3;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Settings;
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
        var digestBucket = Bucket(reader, V.AuditDigestBucket);
        var reportBucket = Bucket(reader, V.ReportBucket);
        var fanOutBucket = Bucket(reader, V.FanOutBucket);
        var turnsTable = reader.Optional(V.OrganizationsTurnsTable, TableName(), "a DynamoDB table name of 3-255 characters [A-Za-z0-9_.-]");

        // The run's settings are the engine's: the same rules, spellings and problems as the CLI's flags.
        var run = RotationSettings.Read(field => reader.Raw(SettingVariables.Of(field)), out var runProblems);
        foreach (var problem in runProblems)
        {
            reader.Problem(problem.Render(SettingVariables.Of));
        }

        var settings = new HostSettings
        {
            MemberRoleName = roleName,
            ExternalId = new SecretText(externalId),
            TopicArn = topicArn,
            AuditTableName = table,
            AuditDigestBucket = digestBucket,
            ReportBucket = reportBucket,
            FanOutBucket = fanOutBucket,
            OrganizationsTurnsTable = turnsTable,
            DryRun = dryRun,
            Policy = run.Policy,
            Tags = run.Tags,
            Targeting = run.Targeting,
            Scope = run.Scope,
            BreakGlassRoleArn = reader.Raw(V.BreakGlassRoleArn),
            SecretsKmsKey = reader.Raw(V.SecretsKmsKey),
            PlaintextSubscribers = run.PlaintextSubscribers,
            MaxAccountsInFlight = run.MaxAccountsInFlight ?? HostSettings.DefaultMaxAccountsInFlight,
            MaxUsersInFlight = run.MaxUsersInFlight ?? RotationSettings.Defaults.MaxUsersInFlight,
            OrganizationsRequestsPerSecond = run.OrganizationsRequestsPerSecond,
            FanOutConcurrency = run.FanOutConcurrency,
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

    /// <summary>An optional bucket variable: unset or empty is null; a name S3 would refuse is a problem.</summary>
    private static string? Bucket(VariableReader reader, string variable)
    {
        var bucket = reader.Raw(variable);
        if (bucket is not null && BucketNames.Problem(variable, bucket) is { } problem)
        {
            reader.Problem(problem);
        }

        return bucket;
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
}
