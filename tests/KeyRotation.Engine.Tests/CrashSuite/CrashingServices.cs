using System.Runtime.CompilerServices;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Engine.Tests.CrashSuite;

/// <summary>The engine's ports over a simulated world, every one behind the same <see cref="CrashSwitch"/>.</summary>
internal static class CrashingServices
{
    public static RotationServices Wrap(RotationServices inner, CrashSwitch crash) => inner with
    {
        Directory = new Directory(inner.Directory, crash),
        AccountAccess = new Access(inner.AccountAccess, crash),
        Notifier = new Notifier(inner.Notifier, crash),
        AuditLog = new AuditLog(inner.AuditLog, crash),
    };

    private sealed class Directory(IOrganizationDirectory inner, CrashSwitch crash) : IOrganizationDirectory
    {
        public Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken)
        {
            crash.Check();
            return inner.ListAccountsAsync(cancellationToken);
        }

        public Task<AccountFacts?> DescribeAccountAsync(string accountId, CancellationToken cancellationToken)
        {
            crash.Check();
            return inner.DescribeAccountAsync(accountId, cancellationToken);
        }
    }

    private sealed class Notifier(INotifier inner, CrashSwitch crash) : INotifier
    {
        public Task PublishAsync(Notification notification, CancellationToken cancellationToken)
        {
            crash.Check();
            return inner.PublishAsync(notification, cancellationToken);
        }
    }

    private sealed class AuditLog(IAuditLog inner, CrashSwitch crash) : IAuditLog
    {
        public Task EnsureWritableAsync(CancellationToken cancellationToken)
        {
            crash.Check();
            return inner.EnsureWritableAsync(cancellationToken);
        }

        public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) =>
            crash.MutateAsync(() => inner.AppendAsync(events, cancellationToken), null);

        public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
            string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken)
        {
            crash.Check();
            return inner.LastDeactivationsAsync(accountId, accessKeyIds, cancellationToken);
        }

        public Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken)
        {
            crash.Check();
            return inner.UnresolvedAsync(accountId, since, cancellationToken);
        }

        public async IAsyncEnumerable<AuditEvent> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            crash.Check();
            await foreach (var e in inner.QueryAsync(query, cancellationToken))
            {
                crash.Check();
                yield return e;
            }
        }
    }

    private sealed class Access(IAccountAccess inner, CrashSwitch crash) : IAccountAccess
    {
        public async Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken)
        {
            crash.Check();
            var session = await inner.OpenAsync(accountId, cancellationToken);
            return new Session(accountId, new Identity(session.Identity, accountId, crash), new Secrets(session.Secrets, accountId, crash));
        }
    }

    private sealed record Session(string AccountId, IIdentityStore Identity, ISecretStore Secrets) : IAccountSession;

    private sealed class Identity(IIdentityStore inner, string accountId, CrashSwitch crash) : IIdentityStore
    {
        public Task<DiscoveredUsers> DiscoverUsersAsync(CancellationToken cancellationToken)
        {
            crash.Check();
            return inner.DiscoverUsersAsync(cancellationToken);
        }

        public Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken)
        {
            crash.Check();
            return inner.ReadUserAsync(userName, cancellationToken);
        }

        public Task<string?> FindAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken)
        {
            crash.Check();
            return inner.FindAccessKeyOwnerAsync(accessKeyId, cancellationToken);
        }

        public Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken) =>
            crash.MutateAsync(() => inner.CreateAccessKeyAsync(userName, cancellationToken),
                key => new Performed("CreateKey", accountId, userName, key.AccessKeyId));

        public Task UpdateAccessKeyStatusAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
            crash.MutateAsync(() => inner.UpdateAccessKeyStatusAsync(userName, accessKeyId, status, cancellationToken),
                new Performed(status == AccessKeyStatus.Inactive ? "DeactivateKey" : "ActivateKey", accountId, userName, accessKeyId));

        public Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken) =>
            crash.MutateAsync(() => inner.DeleteAccessKeyAsync(userName, accessKeyId, cancellationToken),
                new Performed("DeleteKey", accountId, userName, accessKeyId));
    }

    private sealed class Secrets(ISecretStore inner, string accountId, CrashSwitch crash) : ISecretStore
    {
        public Task<string> StoreAccessKeyAsync(string userName, NewAccessKey key, CancellationToken cancellationToken) =>
            crash.MutateAsync(() => inner.StoreAccessKeyAsync(userName, key, cancellationToken),
                _ => new Performed(AuditAction.StoreSecret, accountId, userName, key.AccessKeyId));

        public Task<StoredSecretInfo?> DescribeAsync(string userName, CancellationToken cancellationToken)
        {
            crash.Check();
            return inner.DescribeAsync(userName, cancellationToken);
        }
    }
}
