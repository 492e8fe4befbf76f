using KeyRotation.Aws;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Incidents;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Lambda.Wiring;

/// <summary>One invocation's engine: the adapters and audit log behind the resilience pipelines, and its run options.</summary>
internal sealed class AwsRun : IDisposable
{
    private readonly AwsAdapters adapters;
    private readonly IAuditLog auditLog;
    private readonly IAuditDigestStore? auditDigests;
    private readonly IOrganizationsTurns? organizationsTurns;

    private AwsRun(AwsAdapters adapters, IAuditLog auditLog, IAuditDigestStore? auditDigests, IOrganizationsTurns? organizationsTurns,
        RotationServices services, RotationRunOptions options, IncidentResponder incidents)
    {
        Incidents = incidents;
        this.adapters = adapters;
        this.auditLog = auditLog;
        this.auditDigests = auditDigests;
        this.organizationsTurns = organizationsTurns;
        Services = services;
        Sweep = new OrganizationSweep(services);
        Options = options;
    }

    /// <summary>The ports behind the resilience pipelines (for the posture report, which needs no sweep).</summary>
    public RotationServices Services { get; }

    public OrganizationSweep Sweep { get; }

    /// <summary>The operator actions (revoke, restore) over the same services.</summary>
    public IncidentResponder Incidents { get; }

    /// <summary>The invocation's retries (the composition's tally).</summary>
    public long Retries => Services.Retries?.Count ?? 0;

    /// <summary>The host's options with the run-level audit events filed under the caller's account.</summary>
    public RotationRunOptions Options { get; }

    /// <summary>Asks STS who the execution role is (the member-role ARNs need its partition anyway) before anything is sent.</summary>
    /// <param name="auditDigestBucket">Where the run is sealed at its finish; null: not sealed.</param>
    /// <param name="resilience">The invocation's retries and pacing (a rotate-account step paces at its share).</param>
    /// <param name="units">What the process keeps of OUs between invocations; null: nothing kept.</param>
    /// <param name="organizationsTurnsTable">The deployment's shared Organizations turns; null: the invocation paces alone.</param>
    public static async Task<AwsRun> OpenAsync(AwsAdapters adapters, string auditTable, string? auditDigestBucket, RotationRunOptions options,
        TimeProvider time, AwsWiring wiring, ResilienceOptions resilience, OrganizationUnitCache? units, CancellationToken cancellationToken,
        string? organizationsTurnsTable = null)
    {
        var auditLog = wiring.AuditLog?.Invoke(adapters, auditTable) ?? adapters.CreateAuditLog(auditTable);
        var digests = auditDigestBucket is null
            ? null
            : wiring.AuditDigests?.Invoke(adapters, auditDigestBucket) ?? adapters.CreateAuditDigestStore(auditDigestBucket);
        var turns = organizationsTurnsTable is null
            ? null
            : wiring.OrganizationsTurns?.Invoke(adapters, organizationsTurnsTable) ?? adapters.CreateOrganizationsTurns(organizationsTurnsTable);
        var services = EngineComposition.Compose(adapters.Ports(auditLog, digests) with { OrganizationsTurns = turns },
            adapters.Settings.ToEngineOptions(resilience), time, wiring.Random);
        CallerIdentity caller;
        try
        {
            // Through the run's STS pipeline: a throttled first call is retried like any other operation.
            caller = await EngineComposition.IdentifyCallerAsync(services, cancellationToken);
        }
        catch
        {
            (auditLog as IDisposable)?.Dispose();
            (digests as IDisposable)?.Dispose();
            (turns as IDisposable)?.Dispose();
            throw;
        }

        if (units is not null && services.Directory is OrganizationDirectory directory)
        {
            services = services with { Directory = directory.Sharing(units, options.RunId) };
        }

        return new AwsRun(adapters, auditLog, digests, turns, services, options with
        {
            ManagementAccountId = caller.Account,
            // The invoked function's ARN names the actor; a host without one (not under Lambda) acts as the caller.
            Actor = options.Actor.StartsWith("arn:", StringComparison.Ordinal) ? options.Actor : caller.Arn,
        }, new IncidentResponder(services));
    }

    public void Dispose()
    {
        (auditLog as IDisposable)?.Dispose();
        (auditDigests as IDisposable)?.Dispose();
        (organizationsTurns as IDisposable)?.Dispose();
        adapters.Dispose();
    }
}
