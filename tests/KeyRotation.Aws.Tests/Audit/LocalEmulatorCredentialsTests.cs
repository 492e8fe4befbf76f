using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using KeyRotation.Aws.Audit;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Audit;

public sealed class LocalEmulatorCredentialsTests
{
    private static readonly Func<string, bool> NoProfiles = _ => false;

    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("http://127.0.0.1:8000")]
    [InlineData("http://127.12.34.56")]
    [InlineData("https://localhost:4566/")]
    [InlineData("http://LOCALHOST:8000")]
    [InlineData("http://[::1]:8000")]
    [InlineData("http://[::ffff:127.0.0.1]:8000")]
    public void IsLoopback_LoopbackHost_True(string endpoint)
    {
        Assert.True(LocalEmulatorCredentials.IsLoopback(endpoint));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://dynamodb.eu-west-1.amazonaws.com")]
    [InlineData("http://10.0.0.5:8000")]
    [InlineData("http://169.254.169.254")]
    [InlineData("http://localhost.example.com:8000")]
    [InlineData("http://128.0.0.1:8000")]
    [InlineData("not a url")]
    public void IsLoopback_OtherHost_False(string? endpoint)
    {
        Assert.False(LocalEmulatorCredentials.IsLoopback(endpoint));
    }

    [Fact]
    public void For_LoopbackAndNothingConfigured_ReturnsPlaceholder()
    {
        var credentials = LocalEmulatorCredentials.For("http://127.0.0.1:8000", Env(), NoProfiles);

        var basic = Assert.IsType<BasicAWSCredentials>(credentials);
        Assert.Equal(LocalEmulatorCredentials.Placeholder, basic.GetCredentials().AccessKey);
    }

    [Fact]
    public void For_RemoteEndpointAndNothingConfigured_LeavesItToTheDefaultChain()
    {
        Assert.Null(LocalEmulatorCredentials.For("https://dynamodb.us-east-1.amazonaws.com", Env(), NoProfiles));
        Assert.Null(LocalEmulatorCredentials.For(null, Env(), NoProfiles));
    }

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")]
    [InlineData("AWS_ACCESS_KEY_ID", "AWS_SECRET_KEY")]
    [InlineData("AWS_WEB_IDENTITY_TOKEN_FILE", null)]
    [InlineData("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null)]
    [InlineData("AWS_CONTAINER_CREDENTIALS_FULL_URI", null)]
    public void For_LoopbackWithCredentialVariables_LeavesItToTheDefaultChain(string variable, string? second)
    {
        var env = second is null ? Env((variable, "x")) : Env((variable, "x"), (second, "y"));

        Assert.Null(LocalEmulatorCredentials.For("http://127.0.0.1:8000", env, NoProfiles));
    }

    [Fact]
    public void For_LoopbackWithAccessKeyIdButNoSecret_ReturnsPlaceholder()
    {
        Assert.NotNull(LocalEmulatorCredentials.For("http://127.0.0.1:8000", Env(("AWS_ACCESS_KEY_ID", "x")), NoProfiles));
    }

    [Fact]
    public void For_LoopbackWithDefaultProfile_LeavesItToTheDefaultChain()
    {
        Assert.Null(LocalEmulatorCredentials.For("http://127.0.0.1:8000", Env(), name => name == "default"));
    }

    [Fact]
    public void For_LoopbackWithAwsProfileThatExists_LeavesItToTheDefaultChain()
    {
        Assert.Null(LocalEmulatorCredentials.For("http://127.0.0.1:8000", Env(("AWS_PROFILE", "dev")), name => name == "dev"));
    }

    [Fact]
    public void For_LoopbackWithAwsProfileThatDoesNotExist_ReturnsPlaceholder()
    {
        // The default chain would skip the missing profile and end at the instance metadata service.
        Assert.NotNull(LocalEmulatorCredentials.For("http://127.0.0.1:8000", Env(("AWS_PROFILE", "gone")), name => name == "default"));
    }

    [Fact]
    public async Task Create_LoopbackAndNothingConfigured_SignsWithPlaceholderAndReachesTheEndpoint()
    {
        // Without the placeholder, the default chain finds nothing here and the call fails before connecting
        // ("NoCredentials"); with it, the request goes out and meets the closed port.
        string endpoint;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            endpoint = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        }
        var settings = new AuditStoreSettings("t", EndpointUrl: endpoint) { MaxErrorRetry = 0 };
        using var log = new DynamoDbAuditLog(DynamoDbClientFactory.Create(settings, environment: Env(), profileExists: NoProfiles),
            "t", TimeProvider.System, ownsClient: true);

        var error = await Assert.ThrowsAsync<ServiceException>(() => log.EnsureWritableAsync(CancellationToken.None));

        Assert.Equal("ConnectionFailed", error.Code);
        Assert.Contains(endpoint, error.Message);
    }
}
