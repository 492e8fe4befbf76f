using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Protocol;
using KeyRotation.Aws.Tests.Support;

namespace KeyRotation.Aws.Tests.Protocol;

public sealed class SigningTests
{
    private static readonly ServiceEndpoint SnsEndpoint = new(AwsService.Sns, new Uri("https://sns.ap-south-1.amazonaws.com/"), "ap-south-1", false);

    [Fact]
    public async Task SignedClient_Request_CarriesSigV4ForServiceAndRegion()
    {
        var transport = RecordingHandler.Always(StubResponse.Xml("<PublishResponse/>"));
        using var http = new SignedHttpClientFactory(transport, TimeSpan.FromSeconds(5)).Create(TestCredentials.Central, SnsEndpoint);

        await new QueryClient(http, SnsEndpoint, "2010-03-31").SendAsync("Publish", new QueryParameters().Add("Message", "m"), CancellationToken.None);

        var request = Assert.Single(transport.Requests);
        Assert.True(request.IsSigned, request.Authorization);
        Assert.Equal((TestCredentials.AccessKeyId, "ap-south-1", "sns"), (request.AccessKeyId, request.SigningRegion, request.SigningService));
        Assert.Contains("x-amz-content-sha256", request.Scope.Groups["headers"].Value, StringComparison.Ordinal);
        Assert.NotNull(request.Header("X-Amz-Date"));
        Assert.Null(request.SecurityToken);
    }

    [Fact]
    public async Task OuterHandler_RetriesAboveTheSigner_EveryAttemptSignedAfresh()
    {
        var transport = RecordingHandler.Always(StubResponse.Xml("<PublishResponse/>"));
        var retry = new TwiceHandler();
        using var http = new SignedHttpClientFactory(transport, TimeSpan.FromSeconds(5), s => s == AwsService.Sns ? retry : null)
            .Create(TestCredentials.Central, SnsEndpoint);

        await new QueryClient(http, SnsEndpoint, "2010-03-31").SendAsync("Publish", new QueryParameters().Add("Message", "m"), CancellationToken.None);

        Assert.Equal([false, false], retry.SawAuthorization);
        Assert.Equal(2, transport.Requests.Count);
        Assert.All(transport.Requests, r => Assert.True(r.IsSigned));
    }

    /// <summary>Sends each request twice, noting whether it was already signed when it passed by.</summary>
    private sealed class TwiceHandler : DelegatingHandler
    {
        public List<bool> SawAuthorization { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            SawAuthorization.Add(request.Headers.Authorization is not null);
            (await base.SendAsync(request, cancellationToken)).Dispose();
            request.Headers.Authorization = null;
            request.Headers.Remove("X-Amz-Date");
            request.Headers.Remove("X-Amz-Content-SHA256");
            SawAuthorization.Add(request.Headers.Authorization is not null);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
