using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Engine.Ports.SecretsManager;
using KeyRotation.Engine.Ports.Sns;
using KeyRotation.Engine.Ports.Sts;

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

/// <summary>IAM of one account, one script entry per operation: the port the adapters and the simulation implement.</summary>
internal sealed class FakeIam(CallScript script) : IIamOperations
{
    public Task<Page<IamUser>> ListUsersAsync(string? marker, CancellationToken cancellationToken) => Hit("ListUsers", new Page<IamUser>([], null));

    public Task<IamUser> GetUserAsync(string userName, CancellationToken cancellationToken) =>
        Hit("GetUser", new IamUser(userName, "/", $"arn:aws:iam::111111111111:user/{userName}"));

    public Task<Page<KeyValuePair<string, string>>> ListUserTagsAsync(string userName, string? marker, CancellationToken cancellationToken) =>
        Hit("ListUserTags", new Page<KeyValuePair<string, string>>([], null));

    public Task<Page<IamAccessKey>> ListAccessKeysAsync(string userName, string? marker, CancellationToken cancellationToken) =>
        Hit("ListAccessKeys", new Page<IamAccessKey>([], null));

    public Task<AccessKeyLastUse> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken) =>
        Hit("GetAccessKeyLastUsed", new AccessKeyLastUse("alice", null));

    public Task<CredentialReportState> GenerateCredentialReportAsync(CancellationToken cancellationToken) =>
        Hit("GenerateCredentialReport", CredentialReportState.Started);

    public Task<CredentialReportDocument> GetCredentialReportAsync(CancellationToken cancellationToken) =>
        Hit("GetCredentialReport", new CredentialReportDocument("", null));

    public Task<Page<IamUserDetail>> GetAccountAuthorizationDetailsAsync(string? marker, CancellationToken cancellationToken) =>
        Hit("GetAccountAuthorizationDetails", new Page<IamUserDetail>([], null));

    public Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken) =>
        Hit("CreateAccessKey", new NewAccessKey("AKIAEXAMPLE", new SecretText("s3cr3t-value"), DateTimeOffset.UnixEpoch));

    public Task UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        Hit("UpdateAccessKey", true);

    public async Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        script.Hit("DeleteAccessKey");
    }

    private Task<T> Hit<T>(string operation, T result)
    {
        script.Hit(operation);
        return Task.FromResult(result);
    }
}

/// <summary>Secrets Manager of one account, one script entry per operation.</summary>
internal sealed class FakeSecretsManager(CallScript script) : ISecretsManagerOperations
{
    public Task<SecretDescription?> DescribeSecretAsync(string secretId, CancellationToken cancellationToken)
    {
        script.Hit("DescribeSecret");
        return Task.FromResult<SecretDescription?>(null);
    }

    public Task<string> CreateSecretAsync(NewSecret secret, CancellationToken cancellationToken)
    {
        script.Hit("CreateSecret");
        return Task.FromResult($"arn:secret:{secret.Name}");
    }

    public Task<string> PutSecretValueAsync(string secretId, SecretText value, string clientRequestToken, CancellationToken cancellationToken)
    {
        script.Hit("PutSecretValue");
        return Task.FromResult($"arn:secret:{secretId}");
    }

    public Task TagResourceAsync(string secretId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        script.Hit("TagResource");
        return Task.CompletedTask;
    }

    public Task PutResourcePolicyAsync(string secretId, string policy, CancellationToken cancellationToken)
    {
        script.Hit("PutResourcePolicy");
        return Task.CompletedTask;
    }
}

/// <summary>
/// STS as the central principal; every account it opens gets its own script (AssumeRole and that account's IAM and
/// Secrets Manager operations), so tests can fail one account and watch another. The central calls use <see cref="Central"/>.
/// </summary>
internal sealed class FakeSts : IStsOperations
{
    private readonly ConcurrentDictionary<string, CallScript> scripts = new();

    public CallScript Central { get; } = new();

    public CallScript For(string accountId) => scripts.GetOrAdd(accountId, _ => new CallScript());

    public Task<MemberAccountOperations> AssumeRoleAsync(string accountId, CancellationToken cancellationToken)
    {
        var script = For(accountId);
        script.Hit("AssumeRole");
        return Task.FromResult(new MemberAccountOperations(accountId, new FakeIam(script), new FakeSecretsManager(script)));
    }

    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        Central.Hit("GetCallerIdentity");
        return Task.FromResult(new CallerIdentity("999999999999", "arn:aws:iam::999999999999:user/rotator"));
    }

    public Task<string> GetAccessKeyInfoAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        Central.Hit("GetAccessKeyInfo");
        return Task.FromResult("111111111111");
    }
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
