using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Digests;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Organizations;
using KeyRotation.Aws.Protocol;
using KeyRotation.Aws.Reports;
using KeyRotation.Aws.Sns;
using KeyRotation.Aws.Sts;
using KeyRotation.Engine.Accounts;
using KeyRotation.Engine.HandOff;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sts;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Aws;

/// <summary>
/// Builds the central ports for one run from <see cref="AwsSettings"/>: the organization directory, member-account
/// access and the notifier, plus the shared <see cref="Context"/> for SDK-based adapters. Dispose at the end of the run.
/// </summary>
internal sealed class AwsAdapters : IDisposable
{
    private readonly HttpMessageHandler? ownedTransport;
    private readonly AmazonSecurityTokenServiceClient stsClient;
    private readonly CallerIdentitySource caller;
    private readonly TimeProvider time;

    private AwsAdapters(AwsContext context, IOrganizationDirectory directory, IStsOperations sts, INotifier notifier,
        CallerIdentitySource caller, AmazonSecurityTokenServiceClient stsClient, HttpMessageHandler? ownedTransport, TimeProvider time)
    {
        this.time = time;
        Context = context;
        Directory = directory;
        Sts = sts;
        // The engine's account access and key lookup over the STS operations; ResilientServices.Wrap puts the
        // pipelines around each operation.
        AccountAccess = new MemberAccountAccess(sts, time, context.Settings.Discovery, new HandOffSettings
        {
            BreakGlassRoleArn = context.Settings.BreakGlassRoleArn,
            KmsKeyId = context.Settings.SecretsKmsKeyId,
        });
        AccessKeyInfo = new AccessKeyAccounts(sts);
        Notifier = notifier;
        this.caller = caller;
        this.stsClient = stsClient;
        this.ownedTransport = ownedTransport;
    }

    public AwsContext Context { get; }

    public IOrganizationDirectory Directory { get; }

    /// <summary>STS as the central principal: AssumeRole into member accounts (with their IAM and Secrets Manager operations).</summary>
    public IStsOperations Sts { get; }

    /// <summary>The engine's access to member accounts over <see cref="Sts"/>.</summary>
    public IAccountAccess AccountAccess { get; }

    /// <summary>STS GetAccessKeyInfo, for the operator actions (revoke, restore).</summary>
    public IAccessKeyInfo AccessKeyInfo { get; }

    /// <summary>Publishes to <see cref="AwsSettings.TopicArn"/>; drops notifications when no topic is set (see <see cref="NotificationsEnabled"/>).</summary>
    public INotifier Notifier { get; }

    public bool NotificationsEnabled => Context.Settings.TopicArn is not null;

    /// <param name="settings">Validated here; invalid settings throw <see cref="ArgumentException"/> listing every problem.</param>
    /// <param name="time">Clock for credential expiry. Default <see cref="TimeProvider.System"/>.</param>
    /// <param name="environment">Environment variables. Default the process environment.</param>
    /// <param name="credentials">Central credentials. Default the SDK's default chain (with <see cref="AwsSettings.Profile"/>), or
    /// placeholder credentials when every endpoint is a loopback override and nothing is configured (<see cref="CentralCredentials"/>).</param>
    /// <param name="transport">HTTP transport under the signer. Default a SocketsHttpHandler owned by this object.</param>
    /// <param name="outerHandler">Optional handler placed outside (before) the signer, e.g. for retries; called once per
    /// HTTP client (per service, and per account session), it must return a new handler each time.</param>
    /// <param name="retries">Where the protocol clients count their per-request retries; pass the tally given to the
    /// engine's pipelines so the report shows every retry. Default null: not counted.</param>
    /// <param name="random">Jitter of the per-request backoff, which waits on <paramref name="time"/>. Default a new Random.</param>
    /// <exception cref="InvalidOperationException">No region could be found, or an endpoint URL is malformed.</exception>
    public static AwsAdapters Create(AwsSettings settings, TimeProvider? time = null, IEnvironmentVariables? environment = null,
        AWSCredentials? credentials = null, HttpMessageHandler? transport = null,
        Func<AwsService, DelegatingHandler?>? outerHandler = null, RetryTally? retries = null, Random? random = null)
    {
        var problems = settings.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid AWS settings: " + string.Join("; ", problems), nameof(settings));

        time ??= TimeProvider.System;
        environment ??= ProcessEnvironmentVariables.Instance;
        var region = RegionResolver.Resolve(settings, environment);
        var endpoints = new EndpointResolver(region, settings.EndpointUrl, environment);
        foreach (var service in AwsService.All) endpoints.Resolve(service); // fail now on a malformed override
        credentials ??= CentralCredentials.Resolve(settings, endpoints, environment);
        var context = new AwsContext(settings, region, credentials, endpoints, transport);

        var ownedTransport = transport is null ? SignedHttpClientFactory.CreateTransport() : null;
        var clients = new SignedHttpClientFactory(transport ?? ownedTransport!, settings.RequestTimeout, outerHandler);
        random ??= new Random();
        var retry = new RequestRetryPolicy(settings.MaxRequestRetries, time, random, retries);

        var stsConfig = new AmazonSecurityTokenServiceConfig();
        context.ConfigureSdkClient(stsConfig, AwsService.Sts);
        // Each STS operation is one request: the engine's pipeline retries it, so the SDK client must not.
        stsConfig.MaxErrorRetry = 0;
        var stsClient = new AmazonSecurityTokenServiceClient(credentials, stsConfig);
        var sts = new StsGateway(stsClient);
        var caller = new CallerIdentitySource(sts);

        var organizationsEndpoint = endpoints.Resolve(AwsService.Organizations);
        var directory = new AwsOrganizationDirectory(new OrganizationsClient(new JsonClient(
            clients.Create(credentials, organizationsEndpoint), organizationsEndpoint, OrganizationsClient.TargetPrefix,
            new RequestRetryPolicy(settings.MaxOrganizationsRequestRetries, time, random, retries))));

        var stsOperations = new AwsStsOperations(sts, caller, settings, endpoints, clients, time);
        return new AwsAdapters(context, directory, stsOperations, CreateNotifier(settings, endpoints, clients, credentials, retry),
            caller, stsClient, ownedTransport, time);
    }

    /// <summary>
    /// The DynamoDB audit log of <paramref name="tableName"/>, reached with this run's credentials, region, endpoint
    /// overrides (<c>AWS_ENDPOINT_URL_DYNAMODB</c>) and SDK retry cap. The log owns its client; dispose it.
    /// </summary>
    public DynamoDbAuditLog CreateAuditLog(string tableName, DynamoDbAuditLogOptions? options = null)
    {
        var config = new AmazonDynamoDBConfig();
        Context.ConfigureSdkClient(config, AwsService.DynamoDb);
        return new DynamoDbAuditLog(new AmazonDynamoDBClient(Context.Credentials, config), tableName, time, options, ownsClient: true);
    }

    /// <summary>
    /// The audit digest store in <paramref name="bucket"/>, reached with this run's credentials, region and endpoint
    /// overrides (<c>AWS_ENDPOINT_URL_S3</c>). The store owns its client; dispose it.
    /// </summary>
    public S3AuditDigestStore CreateAuditDigestStore(string bucket) =>
        new(CreateS3Client(), bucket, ownsClient: true);

    /// <summary>
    /// The posture report store in <paramref name="bucket"/>, on the same S3 client set-up as the digest store.
    /// The store owns its client; dispose it.
    /// </summary>
    public S3PostureReportStore CreatePostureReportStore(string bucket) =>
        new(CreateS3Client(), bucket, ownsClient: true);

    private AmazonS3Client CreateS3Client()
    {
        var config = new AmazonS3Config();
        Context.ConfigureSdkClient(config, AwsService.S3);
        // An emulator on an address has no bucket subdomains.
        config.ForcePathStyle = !string.IsNullOrEmpty(config.ServiceURL);
        return new AmazonS3Client(Context.Credentials, config);
    }

    /// <summary>Who the central credentials belong to (for the audit's actor); asked once per run.</summary>
    public Task<Sts.CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) => caller.GetAsync(cancellationToken);

    public void Dispose()
    {
        stsClient.Dispose();
        ownedTransport?.Dispose();
    }

    private static INotifier CreateNotifier(AwsSettings settings, EndpointResolver endpoints, SignedHttpClientFactory clients,
        AWSCredentials credentials, RequestRetryPolicy retry)
    {
        if (settings.TopicArn is null) return new NoTopicNotifier();
        // A topic is published to in its own region (arn:partition:sns:<region>:account:name).
        var topicRegion = settings.TopicArn.Split(':')[3];
        var endpoint = endpoints.Resolve(AwsService.Sns, regionOverride: topicRegion);
        return new AwsNotifier(new SnsClient(new QueryClient(clients.Create(credentials, endpoint), endpoint, SnsClient.ApiVersion, retry)),
            settings.TopicArn);
    }
}
