using System.Collections.Concurrent;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Tests.FaultSuite;

/// <summary>One IAM mutation the simulated service carried out (the call returned without an error).</summary>
internal sealed record Mutation(string Action, string AccountId, string UserName, string AccessKeyId);

/// <summary>
/// Sits between the simulated world and the resilience layer: records every mutation that succeeded, and counts the
/// secret-store calls that reached each account (those the breaker refused never do).
/// </summary>
internal sealed class CountingAccess(IAccountAccess inner) : IAccountAccess
{
    private readonly ConcurrentQueue<Mutation> mutations = new();
    private readonly ConcurrentQueue<string> storeCalls = new();

    public IReadOnlyList<Mutation> Mutations => mutations.ToArray();

    /// <summary>Calls to the account's secret store: stores, and the secret-name checks before each create.</summary>
    public int StoreCalls(string accountId) => storeCalls.Count(a => a == accountId);

    public async Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken)
    {
        var session = await inner.OpenAsync(accountId, cancellationToken);
        return new Session(accountId, new Identity(session.Identity, accountId, mutations), new Secrets(session.Secrets, accountId, storeCalls));
    }

    private sealed class Secrets(ISecretStore inner, string accountId, ConcurrentQueue<string> calls) : ISecretStore
    {
        public Task<string> StoreAccessKeyAsync(string userName, NewAccessKey key, CancellationToken cancellationToken)
        {
            calls.Enqueue(accountId);
            return inner.StoreAccessKeyAsync(userName, key, cancellationToken);
        }

        public Task<StoredSecretInfo?> DescribeAsync(string userName, CancellationToken cancellationToken)
        {
            calls.Enqueue(accountId);
            return inner.DescribeAsync(userName, cancellationToken);
        }
    }

    private sealed record Session(string AccountId, IIdentityStore Identity, ISecretStore Secrets) : IAccountSession;

    private sealed class Identity(IIdentityStore inner, string accountId, ConcurrentQueue<Mutation> mutations) : IIdentityStore
    {
        public Task<DiscoveredUsers> DiscoverUsersAsync(CancellationToken cancellationToken) =>
            inner.DiscoverUsersAsync(cancellationToken);

        public Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken) =>
            inner.ReadUserAsync(userName, cancellationToken);

        public async Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken)
        {
            var key = await inner.CreateAccessKeyAsync(userName, cancellationToken);
            mutations.Enqueue(new Mutation("CreateKey", accountId, userName, key.AccessKeyId));
            return key;
        }

        public async Task UpdateAccessKeyStatusAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken)
        {
            await inner.UpdateAccessKeyStatusAsync(userName, accessKeyId, status, cancellationToken);
            mutations.Enqueue(new Mutation(status == AccessKeyStatus.Inactive ? "DeactivateKey" : "ActivateKey", accountId, userName, accessKeyId));
        }

        public async Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken)
        {
            await inner.DeleteAccessKeyAsync(userName, accessKeyId, cancellationToken);
            mutations.Enqueue(new Mutation("DeleteKey", accountId, userName, accessKeyId));
        }

        public Task<string?> FindAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken) =>
            inner.FindAccessKeyOwnerAsync(accessKeyId, cancellationToken);
    }
}
