using KeyRotation.Aws;
using KeyRotation.Aws.Protocol;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Posture;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Configuration;

namespace KeyRotation.Lambda.Wiring;

/// <summary>
/// The engine modes over the AWS adapters. Each invocation is its own run: adapters named for its run id, a fresh
/// audit client, fresh resilience pipelines (a breaker tripped by one invocation must not hold an account shut in
/// the next), acting as the caller of the execution role. Only the HTTP transport lives as long as the process, so
/// warm invocations reuse its connections.
/// </summary>
internal sealed class AwsEngine(HostSettings settings, TimeProvider time, AwsWiring wiring)
{
    private readonly HttpMessageHandler transport = SignedHttpClientFactory.CreateTransport();

    public async Task<RunReport> SweepAsync(RotationRunOptions options, CancellationToken cancellationToken)
    {
        using var run = await OpenAsync(options, cancellationToken);
        return await run.Sweep.RunAsync(run.Options, cancellationToken);
    }

    public async Task<IReadOnlyList<AccountFacts>> ListTargetsAsync(RotationRunOptions options, CancellationToken cancellationToken)
    {
        using var run = await OpenAsync(options, cancellationToken);
        return await run.Sweep.ListTargetsAsync(run.Options, cancellationToken);
    }

    public async Task<AccountReport> RotateAccountAsync(AccountFacts account, RotationRunOptions options, CancellationToken cancellationToken)
    {
        using var run = await OpenAsync(options, cancellationToken);
        return await run.Sweep.RotateAccountAsync(account, run.Options, cancellationToken);
    }

    /// <summary>The posture report: discovery only; the audit table is only read (recovery windows), never written.</summary>
    public async Task<PostureReport> ReportAsync(RotationRunOptions options, CancellationToken cancellationToken)
    {
        using var run = await OpenAsync(options, cancellationToken);
        return await new PostureSurvey(run.Services).SurveyAsync(PostureOptions.From(run.Options), cancellationToken);
    }

    private async Task<AwsRun> OpenAsync(RotationRunOptions options, CancellationToken cancellationToken)
    {
        // One tally for the protocol clients' per-request retries and the pipelines', so the report shows all of them.
        var retries = new RetryTally();
        // Per invocation, like the pipelines: the IAM client takes a token per request, and the pipelines, given the
        // same object, leave IAM port calls unpaced so no request is charged twice.
        var iamPacing = new IamRequestPacing(wiring.Resilience.RateLimits, time);
        var adapters = AwsAdapters.Create(AwsSettingsFactory.For(settings, options.RunId), time, wiring.Environment,
            credentials: null, transport, retries: retries, random: new Random(wiring.Random.Next()), iamPacing: iamPacing);
        try
        {
            return await AwsRun.OpenAsync(adapters, settings.AuditTableName, options, time, wiring, retries, iamPacing,
                cancellationToken);
        }
        catch
        {
            adapters.Dispose();
            throw;
        }
    }
}
