using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Ports;

/// <summary>One secret as Secrets Manager would hold it: <c>key-rotation/&lt;user&gt;</c> in the user's account.</summary>
public sealed record StoredSecret(string AccountId, string UserName, string Location, NewAccessKey Key);

/// <summary>
/// Every simulated account's secrets, kept apart from the organization model (which must never hold a secret) so
/// tests can check the hand-off and scan other outputs for leaks. Thread-safe.
/// </summary>
public sealed class SimulatedSecretVault(string region)
{
    private readonly Lock sync = new();
    private readonly Dictionary<(string Account, string User), StoredSecret> current = [];

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

    /// <summary>Creates or replaces the user's secret; returns its location.</summary>
    internal string Put(string accountId, string userName, NewAccessKey key)
    {
        var location = LocationFor(Region, accountId, userName);
        lock (sync)
        {
            current[(accountId, userName)] = new StoredSecret(accountId, userName, location, key);
        }

        return location;
    }
}
