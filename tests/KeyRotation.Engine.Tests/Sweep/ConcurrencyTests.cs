using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.Support;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task RunAsync_MaxAccountsInFlight_NeverExceeded()
    {
        var accounts = Enumerable.Range(0, 12)
            .Select(i => Account($"2222222222{i:00}", DueUser("alice", $"AKIAALICE00000000{i:000}"))).ToArray();
        var harness = new Harness(Of(accounts));
        var probe = new ConcurrencyProbe(harness.Services.AccountAccess);
        var sweep = new OrganizationSweep(harness.Services with { AccountAccess = probe });
        var options = harness.Options() with { MaxAccountsInFlight = 3 };

        var report = await sweep.RunAsync(options, CancellationToken.None);

        Assert.All(report.Accounts, a => Assert.Equal(AccountStatus.Processed, a.Status));
        Assert.InRange(probe.MaxInFlight, 2, 3);
        Assert.Equal(12, harness.World.IssuedKeys.Count);
    }

    [Fact]
    public async Task RunAsync_ManyUsersInParallel_ReportInUserOrder()
    {
        var users = Enumerable.Range(0, 20).Reverse().Select(i => DueUser($"user{i:00}", $"AKIAUSER000000000{i:000}")).ToArray();
        var harness = new Harness(Of(Account("222222222222", users)));

        var report = await harness.RunAsync(harness.Options() with { MaxUsersInFlight = 5 });

        var names = Assert.Single(report.Accounts).Actions.Select(a => a.UserName).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(20, names.Length);
    }

    /// <summary>Counts accounts between entering and finishing discovery, with a real pause so accounts overlap.</summary>
    private sealed class ConcurrencyProbe(IAccountAccess inner) : IAccountAccess
    {
        private int inFlight;
        private int max;

        public int MaxInFlight => Volatile.Read(ref max);

        public async Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken)
        {
            var session = await inner.OpenAsync(accountId, cancellationToken);
            return new ProbedSession(session, this);
        }

        private async Task<T> MeasureAsync<T>(Func<Task<T>> work)
        {
            var now = Interlocked.Increment(ref inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(20);
                return await work();
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        private sealed class ProbedSession(IAccountSession inner, ConcurrencyProbe probe) : IAccountSession, IIdentityStore
        {
            public string AccountId => inner.AccountId;

            public IIdentityStore Identity => this;

            public ISecretStore Secrets => inner.Secrets;

            public Task<DiscoveredUsers> DiscoverUsersAsync(CancellationToken cancellationToken) =>
                probe.MeasureAsync(() => inner.Identity.DiscoverUsersAsync(cancellationToken));

            public Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken) =>
                inner.Identity.ReadUserAsync(userName, cancellationToken);

            public Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken) =>
                inner.Identity.CreateAccessKeyAsync(userName, cancellationToken);

            public Task UpdateAccessKeyStatusAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
                inner.Identity.UpdateAccessKeyStatusAsync(userName, accessKeyId, status, cancellationToken);

            public Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken) =>
                inner.Identity.DeleteAccessKeyAsync(userName, accessKeyId, cancellationToken);

            public Task<string?> FindAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken) =>
                inner.Identity.FindAccessKeyOwnerAsync(accessKeyId, cancellationToken);
        }
    }
}
