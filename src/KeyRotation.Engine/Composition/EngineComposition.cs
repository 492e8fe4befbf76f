using KeyRotation.Engine.Accounts;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Resilience.Audit;
using KeyRotation.Engine.Resilience.Breakers;
using KeyRotation.Engine.Resilience.Operations;
using KeyRotation.Engine.Resilience.Pipelines;
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
    /// The engine over <paramref name="world"/>: its organization walk, member-account access, key lookup, notifier and
    /// audit log, each operation behind the run's pipelines. Call once per run: breakers and pacing live as long as the result.
    /// </summary>
    /// <param name="time">The run's clock: audit events, the run's start and its time budget.</param>
    /// <param name="random">Retry jitter; used under a lock.</param>
    /// <param name="waits">What backoff and pacing wait on. Default <paramref name="time"/> (a simulation may end waits at once).</param>
    /// <exception cref="ArgumentException">The options are unusable; the message names the field.</exception>
    public static RotationServices Compose(WorldPorts world, EngineOptions options, TimeProvider time, Random random, TimeProvider? waits = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var tally = new RetryTally();
        var calls = Pipelines(options.Resilience, tally, waits ?? time, random, world.OrganizationsTurns);
        var sts = new ResilientStsOperations(world.Sts, calls);
        var services = Bare(
            world with
            {
                Organizations = new ResilientOrganizationsOperations(world.Organizations, calls),
                Sts = sts,
                Sns = world.Sns is null ? null : new ResilientSnsOperations(world.Sns, calls),
                AuditLog = new ResilientAuditLog(world.AuditLog, calls),
            },
            options,
            time);
        return services with
        {
            AccountAccess = new MemberAccountAccess(sts, world.Time, options.Discovery, options.HandOff)
                .WithOperations(sts, operations => MemberOperations(operations, calls)),
            Retries = tally,
            CreateAttempts = options.Resilience.Retry.MaxRetryAttempts + 1,
        };
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
        ArgumentNullException.ThrowIfNull(waits);
        var calls = Pipelines(resilience, services.Retries ?? new RetryTally(), waits, random);
        return services with { AuditLog = new ResilientAuditLog(auditLog, calls) };
    }

    /// <summary>
    /// Who the world's central credentials belong to (STS GetCallerIdentity), asked through the run's STS pipeline: a
    /// throttled or transiently failed first call is retried like any other, at most 1 + MaxRetryAttempts times.
    /// </summary>
    /// <param name="services">Services built by <see cref="Compose"/> (or <see cref="Bare"/>, then asked once).</param>
    /// <exception cref="ServiceException">STS refused or failed past the retries.</exception>
    public static Task<CallerIdentity> IdentifyCallerAsync(RotationServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AccountAccess is MemberAccountAccess member
            ? member.Sts.GetCallerIdentityAsync(cancellationToken)
            : throw new ArgumentException("services were not built by EngineComposition: no STS to ask", nameof(services));
    }

    /// <summary>The run's pipelines, one per service, and its breakers; jitter is drawn under a lock (<see cref="Random"/> is not thread-safe).</summary>
    private static ResilientCalls Pipelines(
        ResilienceOptions options, RetryTally tally, TimeProvider waits, Random random, IOrganizationsTurns? organizationsTurns = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();
        return new(
            ServicePipelines.Build(options.Retry, options.RateLimits, tally, waits, () =>
            {
                lock (random) return random.NextDouble();
            }, organizationsTurns),
            new AccountBreakers(options.Breaker));
    }

    /// <summary>
    /// IAM and Secrets Manager of one member account under that account's breaker and, for IAM, its token bucket. Every
    /// attempt of an operation is one request, so each is paced and counted once; nothing retries above or below.
    /// </summary>
    private static MemberAccountOperations MemberOperations(MemberAccountOperations operations, ResilientCalls calls)
    {
        var breaker = calls.Breakers.For(operations.AccountId);
        return operations with
        {
            Iam = new ResilientIamOperations(operations.Iam, calls, breaker),
            SecretsManager = new ResilientSecretsManagerOperations(operations.SecretsManager, calls, breaker),
        };
    }
}
