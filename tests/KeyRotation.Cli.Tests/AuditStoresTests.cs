using KeyRotation.Cli.Running;
using KeyRotation.Core.Audit;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;

namespace KeyRotation.Cli.Tests;

public sealed class AuditStoresTests
{
    [Fact]
    public async Task WithAuditLog_Resilience_TableLogRetriedAndCountedOtherPortsKept()
    {
        var world = new SimulatedWorld(new SimulatedOrganization(), TimeProvider.System, 1);
        var tally = new RetryTally();
        var services = world.CreateServices(tally);
        var table = new ThrottledOnce();

        var swapped = AuditStores.WithAuditLog(services, table, ResilienceOptions.Default, new InstantWaits(TimeProvider.System), new Random(1));
        await swapped.AuditLog.EnsureWritableAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, table.Calls);
        Assert.Equal(1, tally.Count);
        Assert.Same(services.AccountAccess, swapped.AccountAccess);
        Assert.Same(services.Notifier, swapped.Notifier);
    }

    [Fact]
    public void WithAuditLog_NoTable_ServicesUnchanged()
    {
        var services = new SimulatedWorld(new SimulatedOrganization(), TimeProvider.System, 1).CreateServices();

        Assert.Same(services, AuditStores.WithAuditLog(services, null, ResilienceOptions.Default));
    }

    /// <summary>An audit table that throttles the first call.</summary>
    private sealed class ThrottledOnce : IAuditLog
    {
        public int Calls { get; private set; }

        public Task EnsureWritableAsync(CancellationToken cancellationToken) =>
            ++Calls == 1
                ? throw new ServiceException("dynamodb", "DescribeTable", "ThrottlingException", FailureKind.Throttling, 400)
                : Task.CompletedTask;

        public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
            string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());

        public Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult(UnresolvedWork.None);

        public IAsyncEnumerable<AuditEvent> QueryAsync(AuditQuery query, CancellationToken cancellationToken) =>
            AsyncEnumerable.Empty<AuditEvent>();
    }
}
