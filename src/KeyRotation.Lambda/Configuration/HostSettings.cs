using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Runs;
using Microsoft.Extensions.Logging;

namespace KeyRotation.Lambda.Configuration;

/// <summary>The host's configuration, read and validated once at init (see <see cref="HostSettingsReader"/>).</summary>
internal sealed record HostSettings
{
    public required string MemberRoleName { get; init; }

    /// <summary>Wrapped so that printing the settings never prints it.</summary>
    public required SecretText ExternalId { get; init; }

    public required string TopicArn { get; init; }

    public required string AuditTableName { get; init; }

    /// <summary>Where each run's digest is sealed. Default null: runs are not sealed.</summary>
    public string? AuditDigestBucket { get; init; }

    /// <summary>Where the report mode also writes its JSON and HTML. Default null: the report is only answered.</summary>
    public string? ReportBucket { get; init; }

    /// <summary>Where the fan-out keeps a run's items and the map's results (<see cref="EnvironmentVariables.FanOutBucket"/>).
    /// Default null: list-targets answers its items inline and summarize takes its results inline.</summary>
    public string? FanOutBucket { get; init; }

    /// <summary>The deployment's shared Organizations turns (<see cref="EnvironmentVariables.OrganizationsTurnsTable"/>).
    /// Default null: each invocation paces Organizations alone, a rotate-account step at its share of the rate.</summary>
    public string? OrganizationsTurnsTable { get; init; }

    /// <summary>Plan only. No default: the variable must be set.</summary>
    public required bool DryRun { get; init; }

    /// <summary>Default <see cref="RotationPolicy.Default"/> (165 / 180 / 185, idle 10, secrets-manager).</summary>
    public RotationPolicy Policy { get; init; } = RotationPolicy.Default;

    /// <summary>Default prefix <c>key-rotation:</c>.</summary>
    public TagConventions Tags { get; init; } = TagConventions.Default;

    /// <summary>Default every account.</summary>
    public AccountTargeting Targeting { get; init; } = AccountTargeting.All;

    /// <summary>Default every user.</summary>
    public Engine.Runs.ManagedScope Scope { get; init; } = Engine.Runs.ManagedScope.Everyone;

    /// <summary>Default none: nobody but each secret's owner may read it.</summary>
    public string? BreakGlassRoleArn { get; init; }

    /// <summary>Default none: Secrets Manager's AWS managed key (AwsSettings.SecretsKmsKeyId).</summary>
    public string? SecretsKmsKey { get; init; }

    /// <summary>Who may subscribe when secrets travel in notifications; required then. Default none.</summary>
    public IReadOnlyList<string> PlaintextSubscribers { get; init; } = [];

    public const int DefaultMaxAccountsInFlight = 64;

    /// <summary>
    /// Default 64 (the template allows no more; the engine's rule accepts up to 1,000 like the CLI). An account of 50 users takes about 8 s (a credential report, then its
    /// IAM budget; bench/README.md), so 1,000 accounts 8 at a time would need about 1,000 s, more than Lambda's 900 s,
    /// and 64 at a time about two minutes. 64 accounts of 4 users keep at most 256 requests in flight, a quarter of
    /// Lambda's 1,024 file descriptors.
    /// </summary>
    public int MaxAccountsInFlight { get; init; } = DefaultMaxAccountsInFlight;

    /// <summary>Default the engine's (4).</summary>
    public int MaxUsersInFlight { get; init; } = Engine.Settings.RotationSettings.Defaults.MaxUsersInFlight;

    /// <summary>Time kept back from the Lambda deadline to finish the report and answer. Default 10 s.</summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Default 30 s.</summary>
    public TimeSpan MinimumTimePerAccount { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Default Information.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Organizations requests per second for the whole organization. Default null: the engine's (2).</summary>
    public int? OrganizationsRequestsPerSecond { get; init; }

    /// <summary>rotate-account invocations at once (the map's MaxConcurrency, which the template passes). Default null:
    /// no fan-out known, so rotate-account paces Organizations at the whole rate, as a sweep.</summary>
    public int? FanOutConcurrency { get; init; }

    /// <summary>The pacing of an invocation: a rotate-account step's share of the Organizations rate, or the whole rate
    /// (always, when the deployment keeps shared turns).</summary>
    public Engine.Resilience.RateLimits.RateLimitOptions Pacing(Engine.Resilience.RateLimits.RateLimitOptions limits, bool fanOutStep) =>
        new Engine.Settings.RunSettingValues { OrganizationsRequestsPerSecond = OrganizationsRequestsPerSecond, FanOutConcurrency = FanOutConcurrency }
            .Pacing(limits, fanOutStep, sharedTurns: OrganizationsTurnsTable is not null);

    /// <summary>Whether a revoke started by an AWS Health exposed-key event also hands over a replacement key
    /// (EXPOSED_KEY_ACTION=revoke-and-replace). Default false: revoke only.</summary>
    public bool ReplaceExposedKeys { get; init; }
}
