using KeyRotation.Core.Facts;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Discovery;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;
using KeyRotation.Simulation.Ports;
using Microsoft.Extensions.Time.Testing;

namespace KeyRotation.Engine.Tests.Discovery;

/// <summary>The engine's discovery settings and the simulated IAM's behaviour of one test, in one value.</summary>
internal sealed record DiscoveryCase(DiscoveryMode Mode)
{
    public int PageSize { get; init; } = new SimulatedIamOptions().PageSize;

    public TimeSpan? ExistingReportAge { get; init; } = new SimulatedIamOptions().ExistingReportAge;

    public TimeSpan ReportGenerationTime { get; init; } = new SimulatedIamOptions().ReportGenerationTime;

    public TimeSpan ReportPollInterval { get; init; } = new DiscoverySettings().ReportPollInterval;

    public int MaxReportPolls { get; init; } = new DiscoverySettings().MaxReportPolls;
}

/// <summary>One account with named users on a fake clock, and the engine's identity store over its simulated IAM.</summary>
internal sealed class DiscoveryWorld
{
    public const string AccountId = "222222222222";

    public DiscoveryWorld(DiscoveryCase setup, params SimulatedUser[] users)
    {
        Account = new SimulatedAccount { Id = AccountId, Name = "dev" };
        Account.Users.AddRange(users);
        var org = new SimulatedOrganization();
        org.Accounts.Add(Account);
        World = new SimulatedWorld(org, Time, seed: 5, [Faults],
            iam: new SimulatedIamOptions
            {
                PageSize = setup.PageSize, ExistingReportAge = setup.ExistingReportAge, ReportGenerationTime = setup.ReportGenerationTime,
            },
            discovery: new DiscoverySettings { Mode = setup.Mode, ReportPollInterval = setup.ReportPollInterval, MaxReportPolls = setup.MaxReportPolls });
    }

    public static DateTimeOffset Now => Support.Org.Now;

    public FakeTimeProvider Time { get; } = new(Support.Org.Now);

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

    public async Task<IIdentityStore> IdentityAsync() =>
        (await World.AccountAccess.OpenAsync(AccountId, CancellationToken.None)).Identity;

    public async Task<DiscoveredUsers> DiscoverAsync() =>
        await (await IdentityAsync()).DiscoverUsersAsync(CancellationToken.None);

    public long Calls(string operation) => World.Gate.CallsTo(operation);

    /// <summary>Every IAM operation called, with counts.</summary>
    public IReadOnlyDictionary<string, long> IamCalls => World.Gate.CallsByOperation
        .Where(p => p.Key is not SimulatedOperations.AssumeRole)
        .ToDictionary(p => p.Key, p => p.Value);
}
