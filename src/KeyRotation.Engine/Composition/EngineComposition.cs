using KeyRotation.Engine.Accounts;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Composition;

/// <summary>
/// The one composition root: the CLI, the Lambda host, the benchmark and the tests build the engine here, over
/// whatever world offers the operation ports. The retry tally, the pacing buckets and the breakers are made here,
/// once per call, so every IAM request is paced once and every operation attempted at most 1 + MaxRetryAttempts.
/// </summary>
public static class EngineComposition
{
    /// <summary>
    /// The engine over <paramref name="world"/>: its organization walk, member-account access, key lookup and notifier,
    /// each operation behind the run's pipelines. Call once per run: breakers and pacing live as long as the result.
    /// </summary>
    /// <param name="time">The run's clock: audit events, the run's start and its time budget.</param>
    /// <param name="random">Retry jitter; used under a lock.</param>
    /// <param name="waits">What backoff and pacing wait on. Default <paramref name="time"/> (a simulation may end waits at once).</param>
    /// <exception cref="ArgumentException">The options are unusable; the message names the field.</exception>
    public static RotationServices Compose(WorldPorts world, EngineOptions options, TimeProvider time, Random random, TimeProvider? waits = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return ResilientServices.Wrap(Bare(world, options, time), options.Resilience, new RetryTally(), waits ?? time, random);
    }

    /// <summary>
    /// The same engine without the pipelines: every port call is one operation, never retried, paced or counted. For
    /// tests and a benchmark's baseline that must see the world's operations as they are; a run uses <see cref="Compose"/>.
    /// <see cref="EngineOptions.Resilience"/> is ignored.
    /// </summary>
    public static RotationServices Bare(WorldPorts world, EngineOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var notifier = world.Sns is not null && world.TopicArn is { } topic ? (INotifier)new SnsNotifier(world.Sns, topic) : new NoTopicNotifier();
        return new RotationServices(
            new OrganizationDirectory(world.Organizations),
            new MemberAccountAccess(world.Sts, world.Time, options.Discovery, options.HandOff),
            notifier,
            world.AuditLog,
            time)
        {
            AccessKeyInfo = new AccessKeyAccounts(world.Sts),
            AuditDigests = world.AuditDigests,
        };
    }

    /// <summary>
    /// The same services with the audit trail going to <paramref name="auditLog"/> behind its own pipeline, counted in
    /// the same tally: for a real audit table under a simulated world, whose waits must be real.
    /// </summary>
    public static RotationServices WithAuditLog(
        RotationServices services, IAuditLog auditLog, ResilienceOptions resilience, TimeProvider waits, Random random)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(auditLog);
        var wrapped = ResilientServices.Wrap(services with { AuditLog = auditLog }, resilience, services.Retries ?? new RetryTally(), waits, random);
        return services with { AuditLog = wrapped.AuditLog };
    }
}
