using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.SecretsManager;

namespace KeyRotation.Simulation.Ports;

/// <summary>One secret as Secrets Manager would hold it: <c>key-rotation/&lt;user&gt;</c> in the user's account.</summary>
public sealed record StoredSecret(string AccountId, string UserName, string Location, NewAccessKey Key);

/// <summary>
/// Every simulated account's secrets, as Secrets Manager holds them (name, ARN, tags, resource policy, KMS key and the
/// current value), kept apart from the organization model (which must never hold a secret) so tests can check the
/// hand-off and scan other outputs for leaks. Besides the tool's own secrets it holds names taken by someone else (a
/// squatter's secret under the tool's name, with its own tags), which a tool must never write into. Thread-safe.
/// </summary>
public sealed class SimulatedSecretVault(string region)
{
    private const string NamePrefix = "key-rotation/";

    private readonly Lock sync = new();
    private readonly Dictionary<(string Account, string Name), Entry> entries = [];

    public string Region { get; } = region;

    /// <summary>The current secret per account and user that holds a key pair, ordered by account then user.</summary>
    public IReadOnlyList<StoredSecret> Secrets
    {
        get
        {
            lock (sync)
            {
                return entries.Values.Where(e => e.Key is not null && e.TakenBy is null)
                    .Select(e => e.Stored(Region))
                    .OrderBy(s => s.AccountId, StringComparer.Ordinal)
                    .ThenBy(s => s.UserName, StringComparer.Ordinal).ToArray();
            }
        }
    }

    public StoredSecret? Find(string accountId, string userName)
    {
        lock (sync)
        {
            return ByUser(accountId, userName) is { Key: not null, TakenBy: null } entry ? entry.Stored(Region) : null;
        }
    }

    /// <summary>The resource policy on the user's secret; null when it has none (or there is no secret).</summary>
    public string? PolicyOf(string accountId, string userName)
    {
        lock (sync)
        {
            return ByUser(accountId, userName)?.Policy;
        }
    }

    public static string LocationFor(string region, string accountId, string userName) =>
        ArnOf(region, accountId, NamePrefix + userName);

    /// <summary>Someone other than this tool created the user's secret (with <paramref name="creator"/>'s own key and tags).</summary>
    /// <exception cref="InvalidOperationException">The tool already holds a secret of that name.</exception>
    public void TakeName(string accountId, string userName, string creator)
    {
        ArgumentException.ThrowIfNullOrEmpty(creator);
        lock (sync)
        {
            if (ByUser(accountId, userName) is not null)
            {
                throw new InvalidOperationException($"the secret of user {userName} in account {accountId} exists already");
            }

            var name = NamePrefix + userName;
            entries[(accountId, name)] = new Entry(accountId, name, userName)
            {
                TakenBy = creator,
                Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["created-by"] = creator },
            };
        }
    }

    /// <summary>Who created the user's secret when it was not this tool; null otherwise.</summary>
    public string? TakenBy(string accountId, string userName)
    {
        lock (sync)
        {
            return ByUser(accountId, userName)?.TakenBy;
        }
    }

    /// <summary>
    /// Seeds the user's secret as this tool would have stored it in an earlier run (its tags, the given key); for
    /// tests that start from a world the tool has already worked in.
    /// </summary>
    internal void Put(string accountId, string userName, NewAccessKey key)
    {
        lock (sync)
        {
            var name = NamePrefix + userName;
            entries[(accountId, name)] = new Entry(accountId, name, userName)
            {
                Key = key,
                Tags = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["key-rotation:managed"] = "true", ["key-rotation:user"] = userName, ["key-rotation:access-key-id"] = key.AccessKeyId,
                },
            };
        }
    }

    /// <summary>DescribeSecret by name or ARN: without the value; null when there is none.</summary>
    internal SecretDescription? Describe(string accountId, string secretId)
    {
        lock (sync)
        {
            return Resolve(accountId, secretId) is { } entry
                ? new SecretDescription(ArnOf(Region, accountId, entry.Name), entry.Name, new Dictionary<string, string>(entry.Tags), entry.KmsKeyId)
                : null;
        }
    }

    /// <summary>CreateSecret: the secret with its first value; ResourceExistsException when the name is taken.</summary>
    internal string Create(string accountId, NewSecret secret, NewAccessKey value)
    {
        lock (sync)
        {
            if (entries.ContainsKey((accountId, secret.Name)))
            {
                throw new ServiceException(OperationNames.SecretsManager, OperationNames.CreateSecret, "ResourceExistsException",
                    FailureKind.Final, 400, detail: $"the secret {secret.Name} already exists");
            }

            var user = secret.Tags.GetValueOrDefault("key-rotation:user") ?? secret.Name.Replace(NamePrefix, "", StringComparison.Ordinal);
            entries[(accountId, secret.Name)] = new Entry(accountId, secret.Name, user)
            {
                Key = value,
                Tags = new Dictionary<string, string>(secret.Tags, StringComparer.Ordinal),
                KmsKeyId = secret.KmsKeyId,
            };
            return ArnOf(Region, accountId, secret.Name);
        }
    }

    /// <summary>PutSecretValue: a new current value. A name someone else took is refused, as the tool's hand-off refuses it.</summary>
    internal string PutValue(string accountId, string secretId, NewAccessKey value)
    {
        lock (sync)
        {
            var entry = Existing(accountId, secretId, OperationNames.PutSecretValue);
            if (entry.TakenBy is not null)
            {
                throw new ServiceException(OperationNames.SecretsManager, OperationNames.PutSecretValue, SecretStoreErrors.NameTaken,
                    FailureKind.Final, detail: $"secret {ArnOf(Region, accountId, entry.Name)} was not created by key-rotation; nothing was written into it");
            }

            entry.Key = value;
            return ArnOf(Region, accountId, entry.Name);
        }
    }

    internal void Tag(string accountId, string secretId, IReadOnlyDictionary<string, string> tags)
    {
        lock (sync)
        {
            var entry = Existing(accountId, secretId, OperationNames.TagResource);
            foreach (var (key, value) in tags) entry.Tags[key] = value;
        }
    }

    internal void PutPolicy(string accountId, string secretId, string policy)
    {
        lock (sync)
        {
            Existing(accountId, secretId, OperationNames.PutResourcePolicy).Policy = policy;
        }
    }

    private static string ArnOf(string region, string accountId, string name) => $"arn:aws:secretsmanager:{region}:{accountId}:secret:{name}";

    private Entry? ByUser(string accountId, string userName) =>
        entries.Values.FirstOrDefault(e => e.AccountId == accountId && e.UserName == userName);

    /// <summary>By name, or by the ARN of a secret of this account (read back to its name, not searched for: a
    /// search formats every secret's ARN, and runs write tens of thousands of secrets by ARN).</summary>
    private Entry? Resolve(string accountId, string secretId)
    {
        if (entries.GetValueOrDefault((accountId, secretId)) is { } byName)
        {
            return byName;
        }

        var prefix = ArnOf(Region, accountId, "");
        return secretId.StartsWith(prefix, StringComparison.Ordinal)
            ? entries.GetValueOrDefault((accountId, secretId[prefix.Length..]))
            : null;
    }

    private Entry Existing(string accountId, string secretId, string operation) =>
        Resolve(accountId, secretId) ?? throw new ServiceException(OperationNames.SecretsManager, operation,
            "ResourceNotFoundException", FailureKind.NotFound, 400, detail: $"secret {secretId} does not exist");

    private sealed class Entry(string accountId, string name, string userName)
    {
        public string AccountId { get; } = accountId;
        public string Name { get; } = name;
        public string UserName { get; } = userName;
        public string? TakenBy { get; init; }
        public NewAccessKey? Key { get; set; }
        public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);
        public string? Policy { get; set; }
        public string? KmsKeyId { get; init; }

        public StoredSecret Stored(string region) => new(AccountId, UserName, ArnOf(region, AccountId, Name), Key!);
    }
}
