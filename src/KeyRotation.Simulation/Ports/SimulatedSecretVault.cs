using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Ports;

/// <summary>One secret as Secrets Manager would hold it: <c>key-rotation/&lt;user&gt;</c> in the user's account.</summary>
public sealed record StoredSecret(string AccountId, string UserName, string Location, NewAccessKey Key);

/// <summary>
/// Every simulated account's secrets, kept apart from the organization model (which must never hold a secret) so
/// tests can check the hand-off and scan other outputs for leaks. Besides the tool's own secrets it holds names taken
/// by someone else (a squatter's secret under the tool's name), which the tool must never write into. Thread-safe.
/// </summary>
public sealed class SimulatedSecretVault(string region)
{
    private readonly Lock sync = new();
    private readonly Dictionary<(string Account, string User), StoredSecret> current = [];
    private readonly Dictionary<(string Account, string User), string> takenBy = [];

    public string Region { get; } = region;

    /// <summary>The current secret per account and user, ordered by account then user.</summary>
    public IReadOnlyList<StoredSecret> Secrets
    {
        get
        {
            lock (sync)
            {
                return current.Values.OrderBy(s => s.AccountId, StringComparer.Ordinal)
                    .ThenBy(s => s.UserName, StringComparer.Ordinal).ToArray();
            }
        }
    }

    public StoredSecret? Find(string accountId, string userName)
    {
        lock (sync)
        {
            return current.GetValueOrDefault((accountId, userName));
        }
    }

    public static string LocationFor(string region, string accountId, string userName) =>
        $"arn:aws:secretsmanager:{region}:{accountId}:secret:key-rotation/{userName}";

    /// <summary>Someone other than this tool created the user's secret (with <paramref name="creator"/>'s own key and tags).</summary>
    /// <exception cref="InvalidOperationException">The tool already holds a secret of that name.</exception>
    public void TakeName(string accountId, string userName, string creator)
    {
        ArgumentException.ThrowIfNullOrEmpty(creator);
        lock (sync)
        {
            if (current.ContainsKey((accountId, userName)))
            {
                throw new InvalidOperationException($"the secret of user {userName} in account {accountId} exists already");
            }

            takenBy[(accountId, userName)] = creator;
        }
    }

    /// <summary>Who created the user's secret when it was not this tool; null otherwise.</summary>
    public string? TakenBy(string accountId, string userName)
    {
        lock (sync)
        {
            return takenBy.GetValueOrDefault((accountId, userName));
        }
    }

    /// <summary>The user's secret without its value, as DescribeSecret shows it; null when there is none.</summary>
    public StoredSecretInfo? Describe(string accountId, string userName)
    {
        var location = LocationFor(Region, accountId, userName);
        lock (sync)
        {
            if (takenBy.ContainsKey((accountId, userName))) return new StoredSecretInfo(location, false, null);
            return current.TryGetValue((accountId, userName), out var secret)
                ? new StoredSecretInfo(location, true, secret.Key.AccessKeyId)
                : null;
        }
    }

    /// <summary>Creates or replaces the user's secret; returns its location.</summary>
    /// <exception cref="ServiceException">The name is taken by someone else: refused, as the AWS store refuses.</exception>
    internal string Put(string accountId, string userName, NewAccessKey key)
    {
        var location = LocationFor(Region, accountId, userName);
        lock (sync)
        {
            if (takenBy.ContainsKey((accountId, userName)))
            {
                throw SecretNameTaken(location);
            }

            current[(accountId, userName)] = new StoredSecret(accountId, userName, location, key);
        }

        return location;
    }

    private static ServiceException SecretNameTaken(string location) =>
        new(SimulatedOperations.SecretsManager, SimulatedOperations.PutSecretValue, SecretStoreErrors.NameTaken, FailureKind.Final,
            detail: $"secret {location} was not created by key-rotation; nothing was written into it");
}
