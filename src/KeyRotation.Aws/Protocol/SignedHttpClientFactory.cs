using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using KeyRotation.Aws.Endpoints;

namespace KeyRotation.Aws.Protocol;

/// <summary>
/// Builds HttpClients that sign with AWSSDK.Core's <see cref="SigV4SigningHandler"/> over one shared transport. An
/// optional outer handler per service (for instance a retry handler) sits outside the signer, so every attempt is
/// signed afresh; redirects are never followed below the signer.
/// </summary>
internal sealed class SignedHttpClientFactory(HttpMessageHandler transport, TimeSpan timeout, Func<AwsService, DelegatingHandler?>? outerHandler = null)
{
    public static HttpMessageHandler CreateTransport() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    public HttpClient Create(AWSCredentials credentials, ServiceEndpoint endpoint)
    {
        HttpMessageHandler handler = new SigV4SigningHandler(
            credentials, RegionEndpoint.GetBySystemName(endpoint.SigningRegion), endpoint.Service.SigningName, transport);
        if (outerHandler?.Invoke(endpoint.Service) is { } outer)
        {
            outer.InnerHandler = handler;
            handler = outer;
        }

        // The transport is shared and disposed by its owner, not by each client.
        return new HttpClient(handler, disposeHandler: false) { Timeout = timeout };
    }
}
