using KeyRotation.Engine.Composition;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Accounts;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Resilience.Retry;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Tests.FaultSuite;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Ports;
using static KeyRotation.Engine.Tests.Support.Org;
using static KeyRotation.Engine.Ports.OperationNames;

namespace KeyRotation.Engine.Tests.Resilience;

/// <summary>
/// One retry layer, around each operation: with every call of one operation throttled, the simulation sees that
/// operation exactly 1 + MaxRetryAttempts times, whichever engine algorithm calls it, and nothing above retries the
/// algorithm again.
/// </summary>
public sealed class OperationRetryTests
{
    private const string AccountId = "222222222222";
    private const int MaxRetries = 2;
    private const string AliceKey = "AKIAALICEEXAMPLEOLD1";

    private sealed class NoJitter : Random
    {
        protected override double Sample() => 0;

        public override double NextDouble() => 0;
    }

    private static (SimulatedWorld World, RotationServices Services) Create(string service, string operation, DiscoveryMode mode)
    {
        var faults = new RuleBasedFaultSource();
        faults.Add(FaultRule.Always(service, operation, kind: FailureKind.Throttling));
        var world = new SimulatedWorld(Of(Account(AccountId, DueUser("alice", AliceKey))), new InstantWaits(), seed: 1, [faults],
            discovery: new DiscoverySettings { Mode = mode });
        var options = ResilienceOptions.Default with { Retry = new RetryOptions { MaxRetryAttempts = MaxRetries } };
        return (world, EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = options }, world.Time, new NoJitter(), new InstantWaits()));
    }

    private static async Task<IAccountSession> OpenAsync(RotationServices services) =>
        await services.AccountAccess.OpenAsync(AccountId, CancellationToken.None);

    public static TheoryData<string, string, DiscoveryMode> Operations() => new()
    {
        { Iam, ListUsers, DiscoveryMode.PerKey },
        { Iam, ListUserTags, DiscoveryMode.PerKey },
        { Iam, ListAccessKeys, DiscoveryMode.PerKey },
        { Iam, GetAccessKeyLastUsed, DiscoveryMode.PerKey },
        { Iam, GetAccountAuthorizationDetails, DiscoveryMode.Bulk },
        { Iam, GenerateCredentialReport, DiscoveryMode.Bulk },
        { Iam, GetCredentialReport, DiscoveryMode.Bulk },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task DiscoverUsers_OneIamOperationAlwaysThrottled_AttemptedOncePlusMaxRetries(string service, string operation, DiscoveryMode mode)
    {
        var (world, services) = Create(service, operation, mode);
        var session = await OpenAsync(services);

        var error = await Assert.ThrowsAsync<ServiceException>(() => session.Identity.DiscoverUsersAsync(CancellationToken.None));

        Assert.Equal((FailureKind.Throttling, operation), (error.Kind, error.Operation));
        Assert.Equal(1 + MaxRetries, world.Gate.CallsTo(operation));
    }

    [Theory]
    [InlineData(GetUser)]
    [InlineData(CreateAccessKey)]
    [InlineData(UpdateAccessKey)]
    [InlineData(DeleteAccessKey)]
    public async Task IdentityStore_OneIamOperationAlwaysThrottled_AttemptedOncePlusMaxRetries(string operation)
    {
        var (world, services) = Create(Iam, operation, DiscoveryMode.PerKey);
        var identity = (await OpenAsync(services)).Identity;

        await Assert.ThrowsAsync<ServiceException>(() => operation switch
        {
            GetUser => identity.ReadUserAsync("alice", CancellationToken.None),
            CreateAccessKey => identity.CreateAccessKeyAsync("alice", CancellationToken.None),
            UpdateAccessKey => identity.UpdateAccessKeyStatusAsync("alice", AliceKey, AccessKeyStatus.Inactive, CancellationToken.None),
            _ => identity.DeleteAccessKeyAsync("alice", AliceKey, CancellationToken.None),
        });

        Assert.Equal(1 + MaxRetries, world.Gate.CallsTo(operation));
    }

    [Theory]
    [InlineData(DescribeSecret, false)]
    [InlineData(CreateSecret, false)]
    [InlineData(PutResourcePolicy, false)]
    [InlineData(PutSecretValue, true)]
    [InlineData(TagResource, true)]
    public async Task SecretHandOff_OneSecretsManagerOperationAlwaysThrottled_AttemptedOncePlusMaxRetries(string operation, bool secretExists)
    {
        var (world, services) = Create(SecretsManager, operation, DiscoveryMode.PerKey);
        var key = new NewAccessKey("AKIAALICEEXAMPLENEW1", new SecretText("not-a-real-secret-EXAMPLE"), Now);
        if (secretExists) world.SecretVault.Put(AccountId, "alice", new NewAccessKey(AliceKey, new SecretText("old-secret-EXAMPLE"), Now));
        var secrets = (await OpenAsync(services)).Secrets;

        await Assert.ThrowsAsync<ServiceException>(() => operation == DescribeSecret
            ? secrets.DescribeAsync("alice", CancellationToken.None)
            : secrets.StoreAccessKeyAsync("alice", key, CancellationToken.None));

        Assert.Equal(1 + MaxRetries, world.Gate.CallsTo(operation));
    }

    [Theory]
    [InlineData(AssumeRole)]
    [InlineData(GetAccessKeyInfo)]
    [InlineData(GetCallerIdentity)]
    public async Task Sts_OneOperationAlwaysThrottled_AttemptedOncePlusMaxRetries(string operation)
    {
        var (world, services) = Create(Sts, operation, DiscoveryMode.PerKey);

        await Assert.ThrowsAsync<ServiceException>(() => operation switch
        {
            AssumeRole => OpenAsync(services),
            GetAccessKeyInfo => services.AccessKeyInfo!.AccountOfAccessKeyAsync(AliceKey, CancellationToken.None),
            _ => ((MemberAccountAccess)services.AccountAccess).Sts.GetCallerIdentityAsync(CancellationToken.None),
        });

        Assert.Equal(1 + MaxRetries, world.Gate.CallsTo(operation));
    }

    [Fact]
    public async Task CreateAccessKey_TransientFailure_NotRetriedByThePipeline()
    {
        var faults = new RuleBasedFaultSource();
        faults.Add(FaultRule.Always(Iam, CreateAccessKey, kind: FailureKind.Transient));
        var world = new SimulatedWorld(Of(Account(AccountId, DueUser("alice", AliceKey))), new InstantWaits(), seed: 1, [faults]);
        var options = ResilienceOptions.Default with { Retry = new RetryOptions { MaxRetryAttempts = MaxRetries } };
        var services = EngineComposition.Compose(world.Ports, world.EngineOptions with { Resilience = options }, world.Time, new NoJitter(), new InstantWaits());
        var identity = (await OpenAsync(services)).Identity;

        await Assert.ThrowsAsync<ServiceException>(() => identity.CreateAccessKeyAsync("alice", CancellationToken.None));

        Assert.Equal(1, world.Gate.CallsTo(CreateAccessKey));
    }
}
