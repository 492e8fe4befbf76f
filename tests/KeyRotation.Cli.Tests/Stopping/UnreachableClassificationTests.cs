using System.Net.Sockets;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Protocol;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Cli.Tests.Stopping;

/// <summary>A closed port and an unresolvable name are told apart from a transient failure (the engine retries them once only).</summary>
public sealed class UnreachableClassificationTests
{
    [Fact]
    public async Task SendAsync_ClosedPort_IsUnreachable()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{StubHttpServer.FreePort()}/");

        var error = await Assert.ThrowsAsync<ServiceException>(() => AwsHttp.SendAsync(http, request, "sts", "AssumeRole", CancellationToken.None));

        Assert.Equal((FailureKind.Unreachable, AwsHttp.EndpointUnreachable), (error.Kind, error.Code));
    }

    [Fact]
    public async Task SendAsync_NameDoesNotResolve_IsUnreachable()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://keyrotation-no-such-host.invalid/");

        var error = await Assert.ThrowsAsync<ServiceException>(() => AwsHttp.SendAsync(http, request, "sts", "AssumeRole", CancellationToken.None));

        Assert.Equal(FailureKind.Unreachable, error.Kind);
    }

    [Fact]
    public void Translate_ConnectionRefused_IsUnreachable()
    {
        var refused = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));

        var error = DynamoDbErrors.Translate(refused, "PutItem", "audit table 't'");

        Assert.Equal(FailureKind.Unreachable, error.Kind);
    }
}
