using KeyRotation.Engine.Accounts;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Engine.Resilience;

/// <summary>Wraps a host's ports with retries, rate limits and per-account breakers, leaving engine code unchanged.</summary>
public static class ResilientServices
{
    /// <summary>
    /// Builds the service pipelines once and returns <paramref name="inner"/> with every port decorated and
    /// <see cref="RotationServices.Retries"/> set to <paramref name="tally"/>. Call once per run: breakers and
    /// rate-limit buckets live as long as the returned services.
    /// </summary>
    /// <param name="tally">Incremented on every retry of any port.</param>
    /// <param name="time">Drives backoff delays and token buckets (a FakeTimeProvider in tests).</param>
    /// <param name="random">Jitter source; used under a lock because <see cref="Random"/> is not thread-safe.</param>
    public static RotationServices Wrap(
        RotationServices inner, ResilienceOptions options, RetryTally tally, TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();

        var calls = Calls(options, tally, time, () =>
        {
            lock (random) return random.NextDouble();
        });
        return inner with
        {
            Directory = Wrap(inner.Directory, calls),
            AccountAccess = inner.AccountAccess is MemberAccountAccess member
                ? Operations(member, calls)
                : new ResilientAccountAccess(inner.AccountAccess, calls),
            Notifier = Wrap(inner.Notifier, calls),
            AuditLog = new ResilientAuditLog(inner.AuditLog, calls),
            AccessKeyInfo = inner.AccessKeyInfo switch
            {
                null => null,
                AccessKeyAccounts accounts => new AccessKeyAccounts(new ResilientStsOperations(accounts.Sts, calls)),
                var other => new ResilientAccessKeyInfo(other, calls),
            },
            Retries = tally,
            CreateAttempts = options.Retry.MaxRetryAttempts + 1,
        };
    }

    /// <summary>The engine's walk reads through the pipeline one operation at a time; a test's own directory is left as it is.</summary>
    private static IOrganizationDirectory Wrap(IOrganizationDirectory directory, ResilientCalls calls) =>
        directory is OrganizationDirectory walk
            ? new OrganizationDirectory(new ResilientOrganizationsOperations(walk.Operations, calls))
            : directory;

    /// <summary>The engine's SNS notifier publishes through the pipeline; the no-topic notifier sends nothing to retry.</summary>
    private static INotifier Wrap(INotifier notifier, ResilientCalls calls) =>
        notifier is SnsNotifier sns ? new SnsNotifier(new ResilientSnsOperations(sns.Operations, calls), sns.TopicArn) : notifier;

    internal static ResilientCalls Calls(ResilienceOptions options, RetryTally tally, TimeProvider time, Func<double> random) =>
        new(ServicePipelines.Build(options, tally, time, random), new AccountBreakers(options.Breaker));

    /// <summary>
    /// The engine's account access with the pipelines around each operation: STS, and IAM and Secrets Manager of
    /// every account it opens (under that account's breaker and, for IAM, its token bucket). Every attempt of an
    /// operation is one request, so each is paced and counted once; nothing retries above or below.
    /// </summary>
    private static MemberAccountAccess Operations(MemberAccountAccess member, ResilientCalls calls) =>
        member.WithOperations(new ResilientStsOperations(member.Sts, calls), operations =>
        {
            var breaker = calls.Breakers.For(operations.AccountId);
            return operations with
            {
                Iam = new ResilientIamOperations(operations.Iam, calls, breaker),
                SecretsManager = new ResilientSecretsManagerOperations(operations.SecretsManager, calls, breaker),
            };
        });
}
