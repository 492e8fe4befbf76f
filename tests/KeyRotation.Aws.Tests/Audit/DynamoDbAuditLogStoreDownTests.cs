using System.Net;
using System.Net.Sockets;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Tests.Audit.Dynalite;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Audit;

/// <summary>A store that is down at start: nothing listens on the endpoint's port.</summary>
public sealed class DynamoDbAuditLogStoreDownTests
{
    private static string ClosedEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    private static DynamoDbAuditLog Log(string endpoint) =>
        new(DynamoDbClientFactory.Create(new AuditStoreSettings("audit-down", "us-east-1", endpoint) { MaxErrorRetry = 0 },
            DynaliteFixture.Credentials), "audit-down", TimeProvider.System, ownsClient: true);

    [Fact]
    public async Task EnsureWritableAsync_StoreDown_ThrowsUnreachableNamingTableAndEndpoint()
    {
        var endpoint = ClosedEndpoint();
        using var log = Log(endpoint);

        var error = await Assert.ThrowsAsync<ServiceException>(() => log.EnsureWritableAsync(CancellationToken.None));

        Assert.Equal(FailureKind.Unreachable, error.Kind);
        Assert.Equal("DescribeTable", error.Operation);
        Assert.Contains("'audit-down'", error.Message);
        Assert.Contains(endpoint, error.Message);
    }

    [Fact]
    public async Task AppendAsync_StoreDown_ThrowsTransientNamingEvent()
    {
        using var log = Log(ClosedEndpoint());
        var e = AuditEvents.Make(AuditEvents.T0);

        var error = await Assert.ThrowsAsync<ServiceException>(() => log.AppendAsync([e], CancellationToken.None));

        Assert.True(error.IsRetryable);
        Assert.Contains(e.EventId, error.Message);
    }

    [Fact]
    public async Task QueryAsync_StoreDown_ThrowsServiceException()
    {
        using var log = Log(ClosedEndpoint());

        var error = await Assert.ThrowsAsync<ServiceException>(async () =>
            await log.QueryAsync(new AuditQuery { AccountId = AuditEvents.AccountA }, CancellationToken.None).ToListAsync());

        Assert.Equal("Query", error.Operation);
    }
}
