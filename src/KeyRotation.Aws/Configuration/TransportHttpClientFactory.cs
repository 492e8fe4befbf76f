using Amazon.Runtime;

namespace KeyRotation.Aws.Configuration;

/// <summary>Lets SDK clients (STS, DynamoDB) send through a given transport, e.g. the in-process stub of the tests.</summary>
internal sealed class TransportHttpClientFactory(HttpMessageHandler transport) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(transport, disposeHandler: false);

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
