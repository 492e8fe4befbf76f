using KeyRotation.Aws.Variables;
using KeyRotation.Aws;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Settings;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Cli.Running;

/// <summary>
/// A plan or run against AWS: the real adapters behind the engine's resilience pipelines, acting as the caller of the
/// central credentials. Built only after STS has said who that caller is, so bad credentials stop the command before
/// anything is listed or changed.
/// </summary>
internal sealed class AwsTarget : IRunTarget
{
    private readonly AwsAdapters adapters;
    private readonly IDisposable? ownedAuditLog;
    private readonly IDisposable? ownedDigestStore;

    private AwsTarget(AwsAdapters adapters, RotationServices services, string actor, string managementAccountId, IDisposable? ownedAuditLog,
        IDisposable? ownedDigestStore)
    {
        this.adapters = adapters;
        this.ownedAuditLog = ownedAuditLog;
        this.ownedDigestStore = ownedDigestStore;
        Services = services;
        Actor = actor;
        ManagementAccountId = managementAccountId;
    }

    public RotationServices Services { get; }

    /// <summary>The caller's ARN (GetCallerIdentity).</summary>
    public string Actor { get; }

    /// <summary>The caller's account: the management account or the delegated administrator.</summary>
    public string ManagementAccountId { get; }

    /// <summary>The --audit-table is opened with the adapters' credentials, region and endpoints, behind the pipelines.</summary>
    public bool OpensAuditTable => true;

    /// <param name="readsOnly">For keyrotation report: nothing is notified or recorded, so the warnings about the topic
    /// and the in-memory trail would mislead.</param>
    /// <exception cref="InvalidInputException">No region, a malformed endpoint, or STS would not say who the caller is; nothing ran.</exception>
    public static async Task<AwsTarget> CreateAsync(
        AwsRunOptions options, CliEnvironment environment, CancellationToken cancellationToken, bool readsOnly = false)
    {
        var resilience = options.Resilience ?? ResilienceOptions.Default;
        var adapters = AwsStartup.CreateAdapters(options.Settings, environment.Time, new FunctionEnvironmentVariables(environment.Variables));
        try
        {
            var auditLog = options.AuditTable is { } table ? adapters.CreateAuditLog(table) : (IAuditLog)new NoAuditTable();
            var digests = options.AuditDigestBucket is { } bucket ? adapters.CreateAuditDigestStore(bucket) : null;
            var services = EngineComposition.Compose(adapters.Ports(auditLog, digests), options.Settings.ToEngineOptions(resilience),
                environment.Time, new Random(environment.Random.Next()));
            CallerIdentity caller;
            try
            {
                // Through the run's STS pipeline: a throttled first call is retried like any other operation.
                caller = await AwsStartup.IdentifyCallerAsync(adapters, services, cancellationToken);
            }
            catch
            {
                (auditLog as IDisposable)?.Dispose();
                digests?.Dispose();
                throw;
            }

            await environment.Error.WriteLineAsync(
                $"keyrotation: AWS as {caller.Arn} (account {caller.Account}), region {adapters.Region}, member role {options.Settings.MemberRoleName}");
            if (!adapters.NotificationsEnabled && !readsOnly)
            {
                await environment.Error.WriteLineAsync("warning: no --topic-arn, so owner notifications are off");
            }

            if (options.AuditTable is null && !readsOnly)
            {
                await environment.Error.WriteLineAsync(
                    "warning: no --audit-table, so this run's audit trail is not persisted anywhere; keys this "
                    + "tool deactivated in earlier runs are judged by age alone, so a key past the delete age is deleted "
                    + "without waiting out its recovery window");
            }

            return new AwsTarget(adapters, services, caller.Arn, caller.Account, auditLog as IDisposable, digests);
        }
        catch
        {
            adapters.Dispose();
            throw;
        }
    }

    /// <summary>Nothing to write back: AWS holds the result, the audit table (if any) the history.</summary>
    public Task CompleteAsync(RunReport report, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        ownedAuditLog?.Dispose();
        ownedDigestStore?.Dispose();
        adapters.Dispose();
        return ValueTask.CompletedTask;
    }
}
