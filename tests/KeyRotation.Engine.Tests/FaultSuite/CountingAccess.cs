using System.Collections.Concurrent;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Engine.Ports.SecretsManager;
using KeyRotation.Engine.Ports.Sts;

namespace KeyRotation.Engine.Tests.FaultSuite;

/// <summary>One IAM mutation the simulated service carried out (the call returned without an error).</summary>
internal sealed record Mutation(string Action, string AccountId, string UserName, string AccessKeyId);

/// <summary>
/// Sits between the simulated world's operations and the engine's pipelines, as the AWS adapter does: records every
/// IAM mutation that succeeded, and counts the Secrets Manager requests that reached each account (attempts the
/// breaker refused never do). A simulated fault fails a request before it changes anything, so a request that
/// returned is one that was carried out.
/// </summary>
internal sealed class CountingAccess(IStsOperations inner) : IStsOperations
{
    private readonly ConcurrentQueue<Mutation> mutations = new();
    private readonly ConcurrentQueue<string> storeCalls = new();

    public IReadOnlyList<Mutation> Mutations => mutations.ToArray();

    /// <summary>Secret Manager requests sent in the account: describes before each create, and each step of a store.</summary>
    public int StoreCalls(string accountId) => storeCalls.Count(a => a == accountId);

    public async Task<MemberAccountOperations> AssumeRoleAsync(string accountId, CancellationToken cancellationToken)
    {
        var member = await inner.AssumeRoleAsync(accountId, cancellationToken);
        return member with
        {
            Iam = new Iam(member.Iam, accountId, mutations),
            SecretsManager = new SecretsManager(member.SecretsManager, accountId, storeCalls),
        };
    }

    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) => inner.GetCallerIdentityAsync(cancellationToken);

    public Task<string> GetAccessKeyInfoAsync(string accessKeyId, CancellationToken cancellationToken) =>
        inner.GetAccessKeyInfoAsync(accessKeyId, cancellationToken);

    private sealed class SecretsManager(ISecretsManagerOperations inner, string accountId, ConcurrentQueue<string> calls)
        : ISecretsManagerOperations
    {
        public Task<SecretDescription?> DescribeSecretAsync(string secretId, CancellationToken cancellationToken) =>
            Counted(() => inner.DescribeSecretAsync(secretId, cancellationToken));

        public Task<string> CreateSecretAsync(NewSecret secret, CancellationToken cancellationToken) =>
            Counted(() => inner.CreateSecretAsync(secret, cancellationToken));

        public Task<string> PutSecretValueAsync(string secretId, SecretText value, string clientRequestToken, CancellationToken cancellationToken) =>
            Counted(() => inner.PutSecretValueAsync(secretId, value, clientRequestToken, cancellationToken));

        public Task TagResourceAsync(string secretId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
            Counted(async () =>
            {
                await inner.TagResourceAsync(secretId, tags, cancellationToken);
                return true;
            });

        public Task PutResourcePolicyAsync(string secretId, string policy, CancellationToken cancellationToken) =>
            Counted(async () =>
            {
                await inner.PutResourcePolicyAsync(secretId, policy, cancellationToken);
                return true;
            });

        private Task<T> Counted<T>(Func<Task<T>> request)
        {
            calls.Enqueue(accountId);
            return request();
        }
    }

    private sealed class Iam(IIamOperations inner, string accountId, ConcurrentQueue<Mutation> mutations) : IIamOperations
    {
        public Task<Page<IamUser>> ListUsersAsync(string? marker, CancellationToken cancellationToken) => inner.ListUsersAsync(marker, cancellationToken);

        public Task<IamUser> GetUserAsync(string userName, CancellationToken cancellationToken) => inner.GetUserAsync(userName, cancellationToken);

        public Task<Page<KeyValuePair<string, string>>> ListUserTagsAsync(string userName, string? marker, CancellationToken cancellationToken) =>
            inner.ListUserTagsAsync(userName, marker, cancellationToken);

        public Task<Page<IamAccessKey>> ListAccessKeysAsync(string userName, string? marker, CancellationToken cancellationToken) =>
            inner.ListAccessKeysAsync(userName, marker, cancellationToken);

        public Task<AccessKeyLastUse> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken) =>
            inner.GetAccessKeyLastUsedAsync(accessKeyId, cancellationToken);

        public Task<CredentialReportState> GenerateCredentialReportAsync(CancellationToken cancellationToken) =>
            inner.GenerateCredentialReportAsync(cancellationToken);

        public Task<CredentialReportDocument> GetCredentialReportAsync(CancellationToken cancellationToken) =>
            inner.GetCredentialReportAsync(cancellationToken);

        public Task<Page<IamUserDetail>> GetAccountAuthorizationDetailsAsync(string? marker, CancellationToken cancellationToken) =>
            inner.GetAccountAuthorizationDetailsAsync(marker, cancellationToken);

        public async Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken)
        {
            var key = await inner.CreateAccessKeyAsync(userName, cancellationToken);
            mutations.Enqueue(new Mutation("CreateKey", accountId, userName, key.AccessKeyId));
            return key;
        }

        public async Task UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken)
        {
            await inner.UpdateAccessKeyAsync(userName, accessKeyId, status, cancellationToken);
            mutations.Enqueue(new Mutation(status == AccessKeyStatus.Inactive ? "DeactivateKey" : "ActivateKey", accountId, userName, accessKeyId));
        }

        public async Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken)
        {
            await inner.DeleteAccessKeyAsync(userName, accessKeyId, cancellationToken);
            mutations.Enqueue(new Mutation("DeleteKey", accountId, userName, accessKeyId));
        }
    }
}
