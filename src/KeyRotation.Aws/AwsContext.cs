using Amazon;
using Amazon.Runtime;
using KeyRotation.Aws.Configuration;
using KeyRotation.Aws.Endpoints;

namespace KeyRotation.Aws;

/// <summary>
/// What every AWS client of one run shares: the central credentials (SDK default chain unless given), the region, the
/// endpoint choice and the SDK settings. SDK-based adapters (STS here, DynamoDB in the audit store) configure their
/// clients through <see cref="ConfigureSdkClient"/> so they honour the same endpoint overrides and retry cap.
/// </summary>
internal sealed class AwsContext
{
    private readonly HttpMessageHandler? injectedTransport;

    public AwsContext(AwsSettings settings, string region, AWSCredentials credentials, EndpointResolver endpoints,
        HttpMessageHandler? injectedTransport = null)
    {
        Settings = settings;
        Region = region;
        Credentials = credentials;
        Endpoints = endpoints;
        this.injectedTransport = injectedTransport;
    }

    public AwsSettings Settings { get; }

    public string Region { get; }

    /// <summary>The central principal's credentials, resolved lazily; never printed.</summary>
    public AWSCredentials Credentials { get; }

    public EndpointResolver Endpoints { get; }

    /// <summary>Points an SDK client config at the service's endpoint (override or region) and caps its retries.</summary>
    public void ConfigureSdkClient(ClientConfig config, AwsService service)
    {
        var endpoint = Endpoints.Resolve(service);
        if (endpoint.IsOverride)
        {
            config.ServiceURL = endpoint.Url.AbsoluteUri;
            config.AuthenticationRegion = endpoint.SigningRegion;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }

        // Our resolver already applied AWS_ENDPOINT_URL*; the SDK must not apply the process's on top.
        config.IgnoreConfiguredEndpointUrls = true;
        config.MaxErrorRetry = Settings.SdkMaxErrorRetry;
        config.Timeout = Settings.RequestTimeout;
        if (injectedTransport is not null) config.HttpClientFactory = new TransportHttpClientFactory(injectedTransport);
    }
}
