using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Execution;

/// <summary>What every step of one run shares: the ports, the options and how an audit event is stamped.</summary>
internal sealed class RunContext(RotationServices services, RotationRunOptions options)
{
    private readonly DateTimeOffset startedAt = services.Time.GetUtcNow();
    private readonly long startedTimestamp = services.Time.GetTimestamp();

    // Every event carries its policy's text; one string per policy in force, not one per event (the audit table
    // of a large run holds hundreds of thousands of events).
    private readonly ConcurrentDictionary<RotationPolicy, string> policyTexts = new();

    public static string ToolVersion { get; } =
        typeof(RunContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunContext).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public RotationServices Services { get; } = services;

    public RotationRunOptions Options { get; } = options;

    /// <summary>Shared by every account of the run: once STS stops answering, no further account starts.</summary>
    public CentralOutage Outage { get; } = new();

    /// <summary>
    /// The instant the deadline is checked against: the wall clock read once when this context was made, plus the
    /// monotonic time elapsed since. A simulation's wall clock stands still at the evaluation instant (keys it
    /// creates carry that instant), yet its deadline must still come; a real clock jumping is ignored too.
    /// </summary>
    public DateTimeOffset Now() => startedAt + Services.Time.GetElapsedTime(startedTimestamp);

    public AuditEvent Event(
        string accountId,
        string? userName,
        string? accessKeyId,
        string action,
        string? reason,
        string outcome,
        int sequence,
        RotationPolicy policy,
        string? detail = null,
        string? error = null,
        int? keyAgeDays = null,
        DateTimeOffset? lastUsedAt = null,
        string? summary = null,
        string? intentId = null) => new()
        {
            EventId = AuditEventId.For(Options.RunId, accountId, userName, accessKeyId, action, reason, sequence),
            OccurredAt = Services.Time.GetUtcNow(),
            RunId = Options.RunId,
            AccountId = accountId,
            UserName = userName,
            AccessKeyId = accessKeyId,
            Action = action,
            Reason = reason,
            Outcome = outcome,
            Error = error,
            Detail = detail,
            Actor = Options.Actor,
            Policy = policyTexts.GetOrAdd(policy, PolicyText),
            KeyAgeDays = keyAgeDays,
            LastUsedAt = lastUsedAt,
            ToolVersion = ToolVersion,
            Summary = summary,
            IntentId = intentId,
        };

    /// <summary>The compact thresholds of AuditEvent.Policy; force and recovery only when set.</summary>
    public static string PolicyText(RotationPolicy policy)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"rotate={policy.RotateAfterDays},deactivate={policy.DeactivateAfterDays},delete={policy.DeleteAfterDays},idle={policy.IdleDays}");
        if (policy.ForceDeactivateAfterDays is { } force)
        {
            text += string.Create(CultureInfo.InvariantCulture, $",force={force}");
        }

        if (policy.RecoveryDays is { } recovery)
        {
            text += string.Create(CultureInfo.InvariantCulture, $",recovery={recovery}");
        }

        return text;
    }
}
