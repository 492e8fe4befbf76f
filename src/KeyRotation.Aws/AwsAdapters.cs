using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Digests;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.FanOut;
using KeyRotation.Aws.Organizations;
using KeyRotation.Aws.Pacing;
using KeyRotation.Aws.Protocol;
using KeyRotation.Aws.Reports;
using KeyRotation.Aws.Sns;
using KeyRotation.Aws.Sts;
using KeyRotation.Aws.Variables;
using KeyRotation.Engine.Accounts;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.HandOff;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Organizations;
using KeyRotation.Engine.Ports.Sns;
using KeyRotation.Engine.Ports.Sts;

namespace KeyRotation.Aws;

/// <summary>
/// The AWS world of one run from <see cref="AwsSettings"/>: the raw Organizations, STS (and through it each member
/// account's IAM and Secrets Manager) and SNS operations (<see cref="Ports"/>), plus the shared <see cref="Context"/>
/// for SDK-based adapters. Nothing here retries or decides: <see cref="EngineComposition.Compose"/> builds the engine
/// over these ports. Owns its clients and transport; dispose at the end of the run.
/// </summary>
public sealed class AwsAdapters : IDisposable
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
        Sts = sts;
        Sns = sns;
        this.caller = caller;
        this.stsClient = stsClient;
        this.ownedTransport = ownedTransport;
    }

    internal AwsContext Context { get; }

    /// <summary>The settings these adapters were made from.</summary>
    public AwsSettings Settings => Context.Settings;

    /// <summary>The region resolved from the settings, the environment or the profile.</summary>
    public string Region => Context.Region;

    /// <summary>Where STS is reached (to name it when the caller cannot be identified).</summary>
    public Uri StsEndpoint => Context.Endpoints.Resolve(AwsService.Sts).Url;

    /// <summary>Organizations, one request per call, signed with the central credentials.</summary>
    public IOrganizationsOperations Organizations { get; }

    /// <summary>STS as the central principal: AssumeRole into member accounts (with their IAM and Secrets Manager operations).</summary>
    public IStsOperations Sts { get; }

    /// <summary>SNS Publish in the topic's region; null when no topic is set.</summary>
    public ISnsOperations? Sns { get; }

    /// <summary>Whether a topic is set; without one the engine drops owner notifications.</summary>
    public bool NotificationsEnabled => Context.Settings.TopicArn is not null;

    /// <summary>
    /// The raw operation ports for <see cref="EngineComposition.Compose"/>, with this run's audit trail and digest store
    /// (which the caller opened, e.g. with <see cref="CreateAuditLog"/>, and disposes).
    /// </summary>
    public WorldPorts Ports(IAuditLog auditLog, IAuditDigestStore? auditDigests = null) =>
        new(Organizations, Sts, auditLog, time)
        {
            Sns = Sns,
            TopicArn = Context.Settings.TopicArn,
            AuditDigests = auditDigests,
        };

    /// <summary>
    /// The AWS world of a host: the default credential chain (or placeholder credentials against a local emulator).
    /// </summary>
    /// <param name="time">Clock for credential expiry and the world's key dates.</param>
    /// <param name="transport">HTTP transport under the signer, kept by the caller (e.g. for a warm Lambda's connections,
    /// see <see cref="CreateTransport"/>). Default a SocketsHttpHandler owned by the adapters.</param>
    /// <exception cref="ArgumentException">The settings are invalid; every problem is listed.</exception>
    /// <exception cref="InvalidOperationException">No region could be found, or an endpoint URL is malformed.</exception>
    public static AwsAdapters Open(AwsSettings settings, TimeProvider time, IEnvironmentVariables environment, HttpMessageHandler? transport = null) =>
        Create(settings, time, environment, credentials: null, transport);

    /// <summary>An HTTP transport for <see cref="Open"/> that outlives one set of adapters; the caller disposes it.</summary>
    public static HttpMessageHandler CreateTransport() => SignedHttpClientFactory.CreateTransport();

    /// <summary>
    /// Every reason <see cref="Open"/> would refuse these settings in this environment (settings, region, endpoint
    /// overrides), without a network call; empty when it would not.
    /// </summary>
    public static IReadOnlyList<string> Problems(AwsSettings settings, IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate().ToList();
        try
        {
            var endpoints = new EndpointResolver(RegionResolver.Resolve(settings, environment), settings.EndpointUrl, environment);
            foreach (var service in AwsService.All) endpoints.Resolve(service);
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
        }

        return problems;
    }

    /// <param name="settings">Validated here; invalid settings throw <see cref="ArgumentException"/> listing every problem.</param>
    /// <param name="time">Clock for credential expiry. Default <see cref="TimeProvider.System"/>.</param>
    /// <param name="environment">Environment variables. Default the process environment.</param>
    /// <param name="credentials">Central credentials. Default the SDK's default chain (with <see cref="AwsSettings.Profile"/>), or
    /// placeholder credentials when every endpoint is a loopback override and nothing is configured (<see cref="CentralCredentials"/>).</param>
    /// <param name="transport">HTTP transport under the signer. Default a SocketsHttpHandler owned by this object.</param>
    /// <param name="outerHandler">Optional handler placed outside (before) the signer, e.g. to watch requests; called once per
    /// HTTP client (per service, and per account session), it must return a new handler each time.</param>
    /// <exception cref="InvalidOperationException">No region could be found, or an endpoint URL is malformed.</exception>
    internal static AwsAdapters Create(AwsSettings settings, TimeProvider? time = null, IEnvironmentVariables? environment = null,
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
    /// The DynamoDB audit log of <paramref name="tableName"/>, reached with this run's credentials, region and endpoint
    /// overrides (<c>AWS_ENDPOINT_URL_DYNAMODB</c>), with no SDK retries (compose it behind the pipeline). The log owns its client; dispose it.
    /// </summary>
    public DynamoDbAuditLog CreateAuditLog(string tableName, DynamoDbAuditLogOptions? options = null)
    {
        var config = new AmazonDynamoDBConfig();
        Context.ConfigureSdkClient(config, AwsService.DynamoDb);
        // A run's audit log is behind the engine's audit pipeline, which retries each append: the SDK must not as well.
        config.MaxErrorRetry = 0;
        return new DynamoDbAuditLog(new AmazonDynamoDBClient(Context.Credentials, config), tableName, time, options, ownsClient: true);
    }

    /// <summary>
    /// The Organizations turns every invocation of the deployment takes from, in <paramref name="table"/>, reached like
    /// the audit log (this run's credentials, region and <c>AWS_ENDPOINT_URL_DYNAMODB</c>), with no SDK retries: the
    /// engine's pipeline retries a failed call, and a second sender below it would only take turns nobody uses. The
    /// turns own their client; dispose them.
    /// </summary>
    public DynamoDbOrganizationsTurns CreateOrganizationsTurns(string table)
    {
        var config = new AmazonDynamoDBConfig();
        Context.ConfigureSdkClient(config, AwsService.DynamoDb);
        config.MaxErrorRetry = 0;
        return new DynamoDbOrganizationsTurns(new AmazonDynamoDBClient(Context.Credentials, config), table, ownsClient: true);
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

    /// <summary>
    /// The fan-out store in <paramref name="bucket"/> (the Step Functions map's items and results), on the same S3
    /// client set-up as the digest store. The store owns its client; dispose it.
    /// </summary>
    public S3FanOutStore CreateFanOutStore(string bucket) =>
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
