using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Sns;

namespace KeyRotation.Engine.Tests.Resilience;

/// <summary>Counts calls per operation and fails the n-th call (0-based) as a script says.</summary>
internal sealed class CallScript
{
    private readonly ConcurrentDictionary<string, int> calls = new();

    /// <summary>(operation, call number) -> error to throw, or null to succeed.</summary>
    public Func<string, int, Exception?> Fault { get; set; } = (_, _) => null;

    /// <summary>Runs before the fault is thrown; lets a test act at an exact point of a call.</summary>
    public Action<string, int>? OnCall { get; set; }

    public int Calls(string operation) => calls.GetValueOrDefault(operation);

    public void Hit(string operation)
    {
        var n = calls.AddOrUpdate(operation, 1, (_, c) => c + 1) - 1;
        OnCall?.Invoke(operation, n);
        if (Fault(operation, n) is { } error) throw error;
    }

    public static ServiceException Error(FailureKind kind, string operation = "Op") =>
        new("iam", operation, kind.ToString(), kind);
}

internal sealed class FakeIdentityStore(CallScript script) : IIdentityStore
{
    public Task<DiscoveredUsers> DiscoverUsersAsync(CancellationToken cancellationToken)
    {
        script.Hit("DiscoverUsers");
        return Task.FromResult(new DiscoveredUsers([]));
    }

    public Task<UserFacts?> ReadUserAsync(string userName, CancellationToken cancellationToken)
    {
        script.Hit("ReadUser");
        return Task.FromResult<UserFacts?>(null);
    }

    public Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken)
    {
        script.Hit("CreateAccessKey");
        return Task.FromResult(new NewAccessKey("AKIAEXAMPLE", new SecretText("s3cr3t-value"), DateTimeOffset.UnixEpoch));
    }

    public Task UpdateAccessKeyStatusAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken)
    {
        script.Hit("UpdateAccessKey");
        return Task.CompletedTask;
    }

    public async Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        script.Hit("DeleteAccessKey");
    }

    public Task<string?> FindAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        script.Hit("GetAccessKeyLastUsed");
        return Task.FromResult<string?>("alice");
    }
}

internal sealed class FakeSecretStore(CallScript script) : ISecretStore
{
    public Task<string> StoreAccessKeyAsync(string userName, NewAccessKey key, CancellationToken cancellationToken)
    {
        script.Hit("StoreAccessKey");
        return Task.FromResult($"arn:secret:{userName}");
    }

    public Task<StoredSecretInfo?> DescribeAsync(string userName, CancellationToken cancellationToken)
    {
        script.Hit("DescribeSecret");
        return Task.FromResult<StoredSecretInfo?>(null);
    }
}

/// <summary>Every account gets its own script, so tests can fail one account and watch another.</summary>
internal sealed class FakeAccountAccess : IAccountAccess
{
    private readonly ConcurrentDictionary<string, CallScript> scripts = new();

    public CallScript For(string accountId) => scripts.GetOrAdd(accountId, _ => new CallScript());

    public Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken)
    {
        var script = For(accountId);
        script.Hit("AssumeRole");
        return Task.FromResult<IAccountSession>(new Session(accountId, new FakeIdentityStore(script), new FakeSecretStore(script)));
    }

    private sealed record Session(string AccountId, IIdentityStore Identity, ISecretStore Secrets) : IAccountSession;
}

internal sealed class FakeSns(CallScript script) : ISnsOperations
{
    public Task<string?> PublishAsync(string topicArn, string? subject, string message, IReadOnlyList<KeyValuePair<string, string>> attributes,
        CancellationToken cancellationToken)
    {
        script.Hit("Publish");
        return Task.FromResult<string?>("message-1");
    }
}

internal sealed class FakeAuditLog(CallScript script, IReadOnlyList<AuditEvent> events) : IAuditLog
{
    /// <summary>Query fails (per <see cref="CallScript"/> under "QueryItem") after yielding this many events.</summary>
    public int QueryFailsAfter { get; set; } = int.MaxValue;

    public Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        script.Hit("EnsureWritable");
        return Task.CompletedTask;
    }

    public Task AppendAsync(IReadOnlyList<AuditEvent> appended, CancellationToken cancellationToken)
    {
        script.Hit("Append");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeactivationsAsync(
        string accountId, IReadOnlyCollection<string> accessKeyIds, CancellationToken cancellationToken)
    {
        script.Hit("LastDeactivations");
        return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());
    }

    public Task<UnresolvedWork> UnresolvedAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        script.Hit("Unresolved");
        return Task.FromResult(UnresolvedWork.From(events.Where(e => e.AccountId == accountId && e.OccurredAt >= since)));
    }

    public async IAsyncEnumerable<AuditEvent> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        script.Hit("Query");
        for (var i = 0; i < events.Count; i++)
        {
            if (i == QueryFailsAfter) script.Hit("QueryItem");
            yield return events[i];
        }
    }
}
