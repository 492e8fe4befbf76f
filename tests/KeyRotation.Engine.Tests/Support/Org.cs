using KeyRotation.Core.Facts;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Engine.Tests.Support;

/// <summary>Short builders for simulated organizations, relative to <see cref="Now"/>.</summary>
internal static class Org
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public const string Management = "111111111111";

    public static SimulatedOrganization Of(params SimulatedAccount[] accounts)
    {
        var org = new SimulatedOrganization { ManagementAccountId = Management };
        org.Accounts.AddRange(accounts);
        return org;
    }

    public static SimulatedAccount Account(string id, params SimulatedUser[] users)
    {
        var account = new SimulatedAccount { Id = id, Name = "acct-" + id };
        account.Users.AddRange(users);
        return account;
    }

    public static SimulatedUser User(string name, params SimulatedAccessKey[] keys)
    {
        var user = new SimulatedUser { Name = name, Tags = { ["key-rotation:owner"] = name + "@example.com" } };
        user.AccessKeys.AddRange(keys);
        return user;
    }

    public static SimulatedAccessKey Key(
        string id, int ageDays, int? lastUsedDaysAgo, AccessKeyStatus status = AccessKeyStatus.Active, int? deactivatedDaysAgo = null) =>
        new()
        {
            Id = id,
            Status = status,
            CreatedAt = Now.AddDays(-ageDays),
            LastUsedAt = lastUsedDaysAgo is { } used ? Now.AddDays(-used) : null,
            DeactivatedByToolAt = deactivatedDaysAgo is { } d ? Now.AddDays(-d) : null,
        };

    /// <summary>Due for rotation and idle past the deactivation age: plan is CreateKey then DeactivateKey.</summary>
    public static SimulatedUser IdleOldUser(string name, string keyId) => User(name, Key(keyId, 200, 30));

    /// <summary>Due for rotation, too young to deactivate: plan is CreateKey only.</summary>
    public static SimulatedUser DueUser(string name, string keyId) => User(name, Key(keyId, 170, 1));

    /// <summary>Nothing due.</summary>
    public static SimulatedUser FreshUser(string name, string keyId) => User(name, Key(keyId, 10, 1));

    /// <summary>A stable text picture of every key in the organization, to compare before and after a run.</summary>
    public static string Snapshot(SimulatedOrganization org) => string.Join('\n',
        from a in org.Accounts
        from u in a.Users
        from k in u.AccessKeys
        select $"{a.Id}/{u.Name}/{k.Id} {k.Status} created={k.CreatedAt:O} used={k.LastUsedAt:O} deactivated={k.DeactivatedByToolAt:O}");
}
