using KeyRotation.Core.Facts;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Testing.Discovery;

/// <summary>
/// One account with named users on a fake clock, in a simulated world: its IAM operations as AssumeRole gives them
/// (Simulation.Tests test the simulated IAM) and the engine's identity store over them (Engine.Tests test discovery).
/// Linked into both test projects from tests/Shared/Discovery.
/// </summary>
internal sealed class DiscoveryWorld
{
    public const string AccountId = "222222222222";

    /// <summary>The instant of the fake clock: the same as each test project's fixed clock.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public DiscoveryWorld(SimulatedIamOptions iam, params SimulatedUser[] users)
        : this(iam, discovery: null, users)
    {
    }

    /// <param name="discovery">The engine's discovery settings; null: their defaults.</param>
    public DiscoveryWorld(SimulatedIamOptions iam, DiscoverySettings? discovery, params SimulatedUser[] users)
    {
        Account = new SimulatedAccount { Id = AccountId, Name = "dev" };
        Account.Users.AddRange(users);
        var org = new SimulatedOrganization();
        org.Accounts.Add(Account);
        World = new SimulatedWorld(org, Time, seed: 5, [Faults], iam: iam, discovery: discovery);
    }

    public FakeTimeProvider Time { get; } = new(Now);

    public RuleBasedFaultSource Faults { get; } = new();

    public SimulatedAccount Account { get; }

    public SimulatedWorld World { get; }

    public static SimulatedUser User(string name, params SimulatedAccessKey[] keys)
    {
        var user = new SimulatedUser { Name = name, Tags = { ["key-rotation:owner"] = name + "@example.com" } };
        user.AccessKeys.AddRange(keys);
        return user;
    }

    public static SimulatedAccessKey Key(string id, int ageDays, int? usedDaysAgo, AccessKeyStatus status = AccessKeyStatus.Active) => new()
    {
        Id = id,
        Status = status,
        CreatedAt = Now.AddDays(-ageDays),
        LastUsedAt = usedDaysAgo is { } d ? Now.AddDays(-d) : null,
    };

    /// <summary>The account's IAM operations, as AssumeRole gives them.</summary>
    public async Task<IIamOperations> IamAsync() =>
        (await World.Sts.AssumeRoleAsync(AccountId, CancellationToken.None)).Iam;

    /// <summary>The engine's identity store of the account, as the composed account access opens it.</summary>
    public async Task<IIdentityStore> IdentityAsync() =>
        (await World.AccountAccess.OpenAsync(AccountId, CancellationToken.None)).Identity;

    public async Task<DiscoveredUsers> DiscoverAsync() =>
        await (await IdentityAsync()).DiscoverUsersAsync(CancellationToken.None);

    public long Calls(string operation) => World.Gate.CallsTo(operation);

    /// <summary>Every IAM operation called, with counts.</summary>
    public IReadOnlyDictionary<string, long> IamCalls => World.Gate.CallsByOperation
        .Where(p => p.Key is not OperationNames.AssumeRole)
        .ToDictionary(p => p.Key, p => p.Value);
}
