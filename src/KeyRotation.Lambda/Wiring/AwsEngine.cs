using KeyRotation.Aws;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Incidents;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Posture;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Operations;

namespace KeyRotation.Lambda.Wiring;

/// <summary>
/// The engine modes over the AWS adapters. Each invocation is its own run: adapters named for its run id, a fresh
/// audit client, fresh resilience pipelines (a breaker tripped by one invocation must not hold an account shut in
/// the next), acting as the caller of the execution role. Only the HTTP transport lives as long as the process, so
/// warm invocations reuse its connections.
/// </summary>
internal sealed class AwsEngine(HostSettings settings, TimeProvider time, AwsWiring wiring)
{
    private readonly HttpMessageHandler transport = AwsAdapters.CreateTransport();

    /// <summary>OU parents and the current run's OU tags, kept for the process's life (see <see cref="OrganizationUnitCache"/>).</summary>
    private readonly OrganizationUnitCache units = new();

    public async Task<RunReport> SweepAsync(
        RotationRunOptions options, IProgress<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        using var run = await OpenAsync(options, cancellationToken);
        return await new OrganizationSweep(run.Services) { Progress = progress }.RunAsync(run.Options, cancellationToken);
    }

    public async Task<AccountSelection> BeginRunAsync(RotationRunOptions options, CancellationToken cancellationToken)
    {
        using var run = await OpenAsync(options, cancellationToken);
        return await run.Sweep.BeginFanOutAsync(run.Options, cancellationToken);
    }

    public async Task<AccountStep> RotateAccountAsync(
        string accountId, AccountFacts? claimed, RotationRunOptions options, CancellationToken cancellationToken)
    {
        using var run = await OpenAsync(options, cancellationToken, fanOutStep: true);
        var report = await run.Sweep.RotateAccountAsync(accountId, run.Options, claimed, cancellationToken);
        return new AccountStep(report, run.Retries);
    }

    /// <summary>Not cancelled: the end of a run is always recorded.</summary>
    public async Task<RunFinish> FinishRunAsync(IReadOnlyList<AccountOutcome> accounts, long retries, RotationRunOptions options)
    {
        using var run = await OpenAsync(options, CancellationToken.None);
        var (summary, unwritten, notes) = await run.Sweep.FinishRunAsync(run.Options, accounts, retries);
        return new RunFinish(summary, unwritten) { Notes = notes };
    }

    public async Task<IncidentReport> RevokeAsync(RotationRunOptions options, IncidentRequest request, CancellationToken cancellationToken)
    {
        using var run = await OpenAsync(options, cancellationToken);
        return await run.Incidents.RevokeAsync(run.Options, request, cancellationToken);
    }

    public async Task<IncidentReport> RestoreAsync(RotationRunOptions options, IncidentRequest request, CancellationToken cancellationToken)
    {
        using var run = await OpenAsync(options, cancellationToken);
        return await run.Incidents.RestoreAsync(run.Options, request, cancellationToken);
    }

    /// <summary>The posture report: discovery only; the audit table is only read (recovery windows), never written.</summary>
    public async Task<PostureReport> ReportAsync(RotationRunOptions options, CancellationToken cancellationToken)
    {
        using var run = await OpenAsync(options, cancellationToken);
        return await new PostureSurvey(run.Services).SurveyAsync(PostureOptions.From(run.Options), cancellationToken);
    }

    /// <summary>The report bucket, reached per write with the execution role's credentials (no run, no STS call).</summary>
    public IPostureReportStore ReportStore(string bucket) => StackBucketOf(bucket, "report");

    /// <summary>The fan-out bucket, reached per request with the execution role's credentials (no run, no STS call).</summary>
    public IFanOutStore FanOutStore(string bucket) => StackBucketOf(bucket, "fan-out");

    private StackBucket StackBucketOf(string bucket, string session) => new(bucket, () => AwsAdapters.Open(
        AwsSettingsFactory.For(settings, session), time, wiring.Environment, transport));

    /// <summary>
    /// One of the stack's own buckets. Nothing is kept between requests: the store outlives every invocation, and each
    /// request opens the adapters (and an S3 client over the shared transport) and disposes them.
    /// </summary>
    private sealed class StackBucket(string bucket, Func<AwsAdapters> open) : IPostureReportStore, IFanOutStore
    {
        public string Bucket => bucket;

        public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
        {
            using var adapters = open();
            using var store = adapters.CreatePostureReportStore(bucket);
            await store.PutAsync(key, content, contentType, cancellationToken);
        }

        public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            using var adapters = open();
            using var store = adapters.CreateFanOutStore(bucket);
            await store.PutAsync(key, content, cancellationToken);
        }

        public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken)
        {
            using var adapters = open();
            using var store = adapters.CreateFanOutStore(bucket);
            return await store.GetAsync(key, cancellationToken);
        }
    }

    /// <param name="fanOutStep">A rotate-account step: OUs kept between invocations, and Organizations paced at its share of
    /// the rate unless the deployment keeps shared turns, which every invocation then takes from.</param>
    private async Task<AwsRun> OpenAsync(RotationRunOptions options, CancellationToken cancellationToken, bool fanOutStep = false)
    {
        var adapters = AwsAdapters.Open(AwsSettingsFactory.For(settings, options.RunId), time, wiring.Environment, transport);
        try
        {
            var resilience = wiring.Resilience with { RateLimits = settings.Pacing(wiring.Resilience.RateLimits, fanOutStep) };
            return await AwsRun.OpenAsync(adapters, settings.AuditTableName, settings.AuditDigestBucket, options, time, wiring,
                resilience, fanOutStep ? units : null, cancellationToken, settings.OrganizationsTurnsTable);
        }
        catch
        {
            adapters.Dispose();
            throw;
        }
    }
}
