using KeyRotation.Engine.Ports;


namespace KeyRotation.Simulation.Cost;

/// <summary>
/// Latency and rate limits of each simulated service. AWS publishes no rate limits for IAM or Organizations:
/// IAM and STS meter each account with token buckets refilled every second that cannot be raised ("How to monitor
/// and query IAM resources at scale - Part 2", AWS Security Blog; "How do I resolve API throttling or Rate exceeded
/// errors for IAM and AWS STS?", AWS Knowledge Center). STS's request quota is documented: 600 per second per
/// account and Region, shared by its credential operations ("IAM and AWS STS quotas", IAM User Guide). Secrets
/// Manager's 50 per second is its documented quota for PutSecretValue and CreateSecret ("AWS Secrets Manager
/// quotas"). The other numbers are assumptions at the scale seen in practice. Every figure can be overridden.
/// </summary>
public sealed record CostModelOptions
{
    /// <summary>Default 60 ms; 20 requests per second per member account, burst 40 (assumed).</summary>
    public ServiceCost Iam { get; init; } = new()
    {
        Latency = TimeSpan.FromMilliseconds(60), RequestsPerSecond = 20, Burst = 40, Scope = RateScope.PerAccount,
    };

    /// <summary>Default 80 ms; 600 AssumeRole per second for the central account (documented), burst 600 (assumed).</summary>
    public ServiceCost Sts { get; init; } = new()
    {
        Latency = TimeSpan.FromMilliseconds(80), RequestsPerSecond = 600, Burst = 600, Scope = RateScope.Shared,
    };

    /// <summary>Default 100 ms; 2 requests per second for the organization, burst 5 (assumed).</summary>
    public ServiceCost Organizations { get; init; } = new()
    {
        Latency = TimeSpan.FromMilliseconds(100), RequestsPerSecond = 2, Burst = 5, Scope = RateScope.Shared,
    };

    /// <summary>Default 50 ms; 50 requests per second per member account, burst 50 (documented 50 per second).</summary>
    public ServiceCost SecretsManager { get; init; } = new()
    {
        Latency = TimeSpan.FromMilliseconds(50), RequestsPerSecond = 50, Burst = 50, Scope = RateScope.PerAccount,
    };

    /// <summary>Default 30 ms; 9,000 Publish per second for the central account, burst 9,000 (assumed; SNS sets Publish quotas per Region).</summary>
    public ServiceCost Sns { get; init; } = new()
    {
        Latency = TimeSpan.FromMilliseconds(30), RequestsPerSecond = 9000, Burst = 9000, Scope = RateScope.Shared,
    };

    /// <summary>Default 10 ms; no limit (an on-demand DynamoDB table).</summary>
    public ServiceCost Audit { get; init; } = new() { Latency = TimeSpan.FromMilliseconds(10), Scope = RateScope.Shared };

    /// <summary>The defaults above.</summary>
    public static CostModelOptions Default { get; } = new();

    /// <summary>Every call free and unlimited: counts calls and nothing else.</summary>
    public static CostModelOptions Free { get; } = new()
    {
        Iam = ServiceCost.Free,
        Sts = ServiceCost.Free,
        Organizations = ServiceCost.Free,
        SecretsManager = ServiceCost.Free,
        Sns = ServiceCost.Free,
        Audit = ServiceCost.Free,
    };

    /// <summary>The cost of a service by its <see cref="OperationNames"/> name; unknown services are free.</summary>
    public ServiceCost For(string service) => service switch
    {
        OperationNames.Iam => Iam,
        OperationNames.Sts => Sts,
        OperationNames.Organizations => Organizations,
        OperationNames.SecretsManager => SecretsManager,
        OperationNames.Sns => Sns,
        OperationNames.Audit => Audit,
        _ => ServiceCost.Free,
    };

    /// <summary>Every problem, each naming the service, field and value; empty when usable.</summary>
    public IReadOnlyList<string> Validate() =>
    [
        .. Iam.Problems(nameof(Iam)),
        .. Sts.Problems(nameof(Sts)),
        .. Organizations.Problems(nameof(Organizations)),
        .. SecretsManager.Problems(nameof(SecretsManager)),
        .. Sns.Problems(nameof(Sns)),
        .. Audit.Problems(nameof(Audit)),
    ];
}
