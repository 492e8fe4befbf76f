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
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Organizations;
using KeyRotation.Engine.Ports.Sns;
using KeyRotation.Engine.Ports.Sts;
using KeyRotation.Engine.Resilience;

namespace KeyRotation.Aws;

/// <summary>
/// Builds the central ports for one run from <see cref="AwsSettings"/>: the Organizations and SNS operations (and the
/// engine's directory and notifier over them), member-account access, plus the shared <see cref="Context"/> for
/// SDK-based adapters. Nothing here retries: the engine's pipeline wraps each operation. Dispose at the end of the run.
/// </summary>
internal sealed class AwsAdapters : IDisposable
{
    private readonly HttpMessageHandler? ownedTransport;
    private readonly AmazonSecurityTokenServiceClient stsClient;
    private readonly CallerIdentitySource caller;
    private readonly TimeProvider time;

    private AwsAdapters(AwsContext context, IOrganizationsOperations organizations, IStsOperations sts, ISnsOperations? sns,
        CallerIdentitySource caller, AmazonSecurityTokenServiceClient stsClient, HttpMessageHandler? ownedTransport, TimeProvider time)
    {
        this.time = time;
        Context = context;
        Organizations = organizations;
        Directory = new OrganizationDirectory(organizations);
        Sts = sts;
        // The engine's account access and key lookup over the STS operations; ResilientServices.Wrap puts the
        // pipelines around each operation.
        AccountAccess = new MemberAccountAccess(sts, time, context.Settings.Discovery, new HandOffSettings
        {
            BreakGlassRoleArn = context.Settings.BreakGlassRoleArn,
            KmsKeyId = context.Settings.SecretsKmsKeyId,
        });
        AccessKeyInfo = new AccessKeyAccounts(sts);
        Sns = sns;
        Notifier = sns is not null && context.Settings.TopicArn is { } topic ? new SnsNotifier(sns, topic) : new NoTopicNotifier();
        this.caller = caller;
        this.stsClient = stsClient;
        this.ownedTransport = ownedTransport;
    }

    public AwsContext Context { get; }

    /// <summary>Organizations, one request per call, signed with the central credentials.</summary>
    public IOrganizationsOperations Organizations { get; }

    /// <summary>The engine's walk over <see cref="Organizations"/>; the engine's resilience layer wraps its operations.</summary>
    public IOrganizationDirectory Directory { get; }

    /// <summary>STS as the central principal: AssumeRole into member accounts (with their IAM and Secrets Manager operations).</summary>
    public IStsOperations Sts { get; }

    /// <summary>The engine's access to member accounts over <see cref="Sts"/>.</summary>
    public IAccountAccess AccountAccess { get; }

    /// <summary>STS GetAccessKeyInfo, for the operator actions (revoke, restore).</summary>
    public IAccessKeyInfo AccessKeyInfo { get; }

    /// <summary>SNS Publish in the topic's region; null when no topic is set.</summary>
    public ISnsOperations? Sns { get; }

    /// <summary>The engine's notifier publishing to <see cref="AwsSettings.TopicArn"/> over <see cref="Sns"/>; drops
    /// notifications when no topic is set (see <see cref="NotificationsEnabled"/>).</summary>
    public INotifier Notifier { get; }

    public bool NotificationsEnabled => Context.Settings.TopicArn is not null;

    /// <param name="settings">Validated here; invalid settings throw <see cref="ArgumentException"/> listing every problem.</param>
    /// <param name="time">Clock for credential expiry. Default <see cref="TimeProvider.System"/>.</param>
    /// <param name="environment">Environment variables. Default the process environment.</param>
    /// <param name="credentials">Central credentials. Default the SDK's default chain (with <see cref="AwsSettings.Profile"/>), or
    /// placeholder credentials when every endpoint is a loopback override and nothing is configured (<see cref="CentralCredentials"/>).</param>
    /// <param name="transport">HTTP transport under the signer. Default a SocketsHttpHandler owned by this object.</param>
    /// <param name="outerHandler">Optional handler placed outside (before) the signer, e.g. to watch requests; called once per
    /// HTTP client (per service, and per account session), it must return a new handler each time.</param>
    /// <exception cref="InvalidOperationException">No region could be found, or an endpoint URL is malformed.</exception>
    public static AwsAdapters Create(AwsSettings settings, TimeProvider? time = null, IEnvironmentVariables? environment = null,
        AWSCredentials? credentials = null, HttpMessageHandler? transport = null,
        Func<AwsService, DelegatingHandler?>? outerHandler = null)
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

        var stsConfig = new AmazonSecurityTokenServiceConfig();
        context.ConfigureSdkClient(stsConfig, AwsService.Sts);
        // Each STS operation is one request: the engine's pipeline retries it, so the SDK client must not.
        stsConfig.MaxErrorRetry = 0;
        var stsClient = new AmazonSecurityTokenServiceClient(credentials, stsConfig);
        var sts = new StsGateway(stsClient);
        var caller = new CallerIdentitySource(sts);

        var organizationsEndpoint = endpoints.Resolve(AwsService.Organizations);
        var organizations = new OrganizationsClient(new JsonClient(
            clients.Create(credentials, organizationsEndpoint), organizationsEndpoint, OrganizationsClient.TargetPrefix));

        var stsOperations = new AwsStsOperations(sts, caller, settings, endpoints, clients, time);
        return new AwsAdapters(context, organizations, stsOperations, CreateSns(settings, endpoints, clients, credentials),
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

    private static SnsClient? CreateSns(AwsSettings settings, EndpointResolver endpoints, SignedHttpClientFactory clients,
        AWSCredentials credentials)
    {
        if (settings.TopicArn is null) return null;
        // A topic is published to in its own region (arn:partition:sns:<region>:account:name).
        var topicRegion = settings.TopicArn.Split(':')[3];
        var endpoint = endpoints.Resolve(AwsService.Sns, regionOverride: topicRegion);
        return new SnsClient(new QueryClient(clients.Create(credentials, endpoint), endpoint, SnsClient.ApiVersion));
    }
}
