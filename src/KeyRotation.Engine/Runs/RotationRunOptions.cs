using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;

namespace KeyRotation.Engine.Runs;

/// <summary>What one run does. The host reads the clock once and passes <see cref="AsOf"/>.</summary>
public sealed record RotationRunOptions
{
    public required string RunId { get; init; }

    /// <summary>The evaluation instant for every decision of the run.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Plan only: no IAM, secret or notification mutation. Default false.</summary>
    public bool DryRun { get; init; }

    public RotationPolicy Policy { get; init; } = RotationPolicy.Default;

    public AccountTargeting Targeting { get; init; } = AccountTargeting.All;

    public TagConventions Tags { get; init; } = TagConventions.Default;

    /// <summary>The users this deployment manages; the rest are counted, never planned. Default: every user.</summary>
    public ManagedScope Scope { get; init; } = ManagedScope.Everyone;

    /// <summary>
    /// Who may read secrets sent in notifications (SNS endpoints: e-mail addresses, URLs, ARNs). Required, and only
    /// meaningful, with <see cref="SecretDelivery.Notification"/>: the topic policy admits exactly these, so plaintext
    /// delivery cannot be turned on without saying who reads it. Default none.
    /// </summary>
    public IReadOnlyList<string> PlaintextSubscribers { get; init; } = [];

    /// <summary>
    /// Accounts processed at once. Default 1,000: STS and IAM are paced client-side (ResilienceOptions), so accounts in
    /// flight cost only memory (about 330 MB at 1,000 x 50 users, bench/README.md), and each account spends seconds
    /// waiting on its own IAM budget and credential report; with fewer in flight, a 1,000-account sweep runs in waves.
    /// </summary>
    public int MaxAccountsInFlight { get; init; } = 1_000;

    /// <summary>Users planned and executed at once within one account. Default 4.</summary>
    public int MaxUsersInFlight { get; init; } = 4;

    /// <summary>When the run must be over (the Lambda deadline, or --time-budget); null for none.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>No new account is started when less than this is left before <see cref="Deadline"/>. Default 30 s.</summary>
    public TimeSpan MinimumTimePerAccount { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Who acts, recorded in audit events (caller ARN, or "simulation").</summary>
    public string Actor { get; init; } = "unknown";

    /// <summary>The account run-level audit events (RunStarted, RunFinished) are filed under: the management or
    /// delegated administrator account. Default "organization".</summary>
    public string ManagementAccountId { get; init; } = "organization";

    /// <summary>
    /// How far back reconciliation looks for intents without an outcome and keys whose hand-off is not recorded as
    /// done, before each account is planned (ROTATION-POLICY.md, "Reconciliation"). Default 30 days: runs are daily or
    /// weekly, so anything a stopped run left behind is seen by the next many runs; older leftovers are past help
    /// from the trail anyway (an orphan key is never used, so the policy deactivates and deletes it as NeverUsed).
    /// </summary>
    public TimeSpan ReconciliationWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The graceful stop (SIGINT, SIGTERM, the Lambda runtime shutting down): once cancelled, no account, user or
    /// mutation starts; calls in flight finish and are recorded, and the accounts not through are reported
    /// Interrupted. Unlike the cancellation token the engine's methods take, it never cancels a call in flight.
    /// Default: never.
    /// </summary>
    public CancellationToken Stopping { get; init; }

    /// <summary>Every problem with these options, each naming the field and value; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() => RotationRunOptionsValidation.Problems(this);
}
