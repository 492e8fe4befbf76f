using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports.Iam;
using KeyRotation.Simulation.Discovery;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Simulation.Tests.Discovery;

/// <summary>One account with named users on a fake clock, and its simulated IAM operations.</summary>
internal sealed class DiscoveryWorld
{
    public const string AccountId = "222222222222";

    public DiscoveryWorld(SimulatedIamOptions iam, params SimulatedUser[] users)
    {
        Account = new SimulatedAccount { Id = AccountId, Name = "dev" };
        Account.Users.AddRange(users);
        var org = new SimulatedOrganization();
        org.Accounts.Add(Account);
        World = new SimulatedWorld(org, Time, seed: 5, [Faults], iam: iam);
    }

    public static DateTimeOffset Now => Support.FixedClock.Now;

    public FakeTimeProvider Time { get; } = new(Support.FixedClock.Now);

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

    public long Calls(string operation) => World.Gate.CallsTo(operation);

    /// <summary>Every IAM operation called, with counts.</summary>
    public IReadOnlyDictionary<string, long> IamCalls => World.Gate.CallsByOperation
        .Where(p => p.Key is not SimulatedOperations.AssumeRole)
        .ToDictionary(p => p.Key, p => p.Value);
}
