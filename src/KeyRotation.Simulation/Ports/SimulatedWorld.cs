using System.Collections.Concurrent;
using KeyRotation.Engine.Composition;
using KeyRotation.Engine.Discovery;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Organization;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Organizations;
using KeyRotation.Engine.Ports.Sts;
using KeyRotation.Engine.Resilience;
using KeyRotation.Engine.Runs;
using KeyRotation.Simulation.Cost;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Model;

namespace KeyRotation.Simulation.Ports;

/// <summary>A key pair the simulated IAM handed out, kept so tests can scan every output for its secret.</summary>
public sealed record IssuedAccessKey(string AccountId, string UserName, NewAccessKey Key);

/// <summary>
/// Every simulated port over one <see cref="SimulatedOrganization"/>: one clock, one seeded source of key ids and
/// secrets, one <see cref="SimulationGate"/> that every call passes. The ports lock the organization while they
/// read or change it, so a run may use them from many threads.
/// </summary>
public sealed class SimulatedWorld
{
    private readonly SimulatedKeyMint mint;
    private readonly ConcurrentQueue<IssuedAccessKey> issued = new();

    // By key id, so a secret write finds its key pair without copying every key issued so far.
    private readonly ConcurrentDictionary<string, NewAccessKey> issuedById = new(StringComparer.Ordinal);

    /// <param name="seed">Seeds the key ids and secrets the simulated IAM creates, so runs are repeatable (see
    /// <see cref="SimulatedKeyMint"/>: the same for every user whatever the scheduling or the faults).</param>
    /// <param name="region">Used in secret locations. Default us-east-1.</param>
    /// <param name="iam">Page size and credential reports. Default <see cref="SimulatedIamOptions"/>() (fresh reports).</param>
    /// <param name="costs">Latency and rate limits charged on <paramref name="time"/>; null (the default) makes calls free and instant.</param>
    /// <param name="discovery">How the engine discovers users (the same settings an AWS run takes). Default bulk.</param>
    /// <exception cref="ArgumentException">The IAM, discovery or cost options are unusable; the message names each field and value.</exception>
    public SimulatedWorld(
        SimulatedOrganization organization,
        TimeProvider time,
        int seed,
        IEnumerable<IFaultSource>? faultSources = null,
        string region = "us-east-1",
        SimulatedIamOptions? iam = null,
        CostModelOptions? costs = null,
        DiscoverySettings? discovery = null)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(time);
        Iam = iam ?? new SimulatedIamOptions();
        if (Iam.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"invalid simulated IAM options: {string.Join("; ", problems)}", nameof(iam));
        }

        Discovery = discovery ?? new DiscoverySettings();
        if (Discovery.Validate() is { Count: > 0 } discoveryProblems)
        {
            throw new ArgumentException($"invalid discovery settings: {string.Join("; ", discoveryProblems)}", nameof(discovery));
        }

        Organization = organization;
        Time = time;
        mint = new SimulatedKeyMint(seed);
        Gate = new SimulationGate(faultSources, costs is null ? null : new CallCostModel(costs, time));
        CredentialReports = new SimulatedCredentialReports(this);
        if (Iam.ExistingReportAge is { } age)
        {
            CredentialReports.CaptureAll(time.GetUtcNow() - age);
        }

        SecretVault = new SimulatedSecretVault(region);
        foreach (var account in organization.Accounts)
        {
            foreach (var user in account.Users.Where(u => u.SecretNameTakenBy is not null))
            {
                SecretVault.TakeName(account.Id, user.Name, user.SecretNameTakenBy!);
            }
        }

        Organizations = new SimulatedOrganizationsOperations(organization, Gate, Sync);
        Sts = new SimulatedStsOperations(this);
        Sns = new CapturingSns(Gate, organization.ManagementAccountId);
        TopicArn = $"arn:aws:sns:{region}:{organization.ManagementAccountId}:key-rotation";
        AuditLog = new InMemoryAuditLog(Gate, organization.ManagementAccountId);
        AccountAccess = Bare().AccountAccess;
    }

    public SimulatedOrganization Organization { get; }

    public TimeProvider Time { get; }

    public SimulationGate Gate { get; }

    public SimulatedIamOptions Iam { get; }

    /// <summary>How the engine discovers users in this world.</summary>
    public DiscoverySettings Discovery { get; }

    /// <summary>STS of the simulated organization; AssumeRole gives each account's IAM and Secrets Manager operations.</summary>
    public IStsOperations Sts { get; }

    /// <summary>Every account's IAM credential report (bulk discovery reads them).</summary>
    public SimulatedCredentialReports CredentialReports { get; }

    /// <summary>Organizations, one operation per call; the engine's directory walks it (<see cref="Directory"/>).</summary>
    public IOrganizationsOperations Organizations { get; }

    /// <summary>The engine's organization walk over <see cref="Organizations"/>, unwrapped (a new one each time:
    /// a directory caches OU tags for one run).</summary>
    public IOrganizationDirectory Directory => Bare().Directory;

    /// <summary>The engine's account access over <see cref="Sts"/>.</summary>
    public IAccountAccess AccountAccess { get; }

    /// <summary>SNS: every notification published, as subscribers of <see cref="TopicArn"/> would receive it.</summary>
    public CapturingSns Sns { get; }

    /// <summary>The topic the engine's notifier publishes to.</summary>
    public string TopicArn { get; }

    /// <summary>The engine's SNS notifier over <see cref="Sns"/>, unwrapped.</summary>
    public INotifier Notifier => Bare().Notifier;

    public InMemoryAuditLog AuditLog { get; }

    public SimulatedSecretVault SecretVault { get; }

    /// <summary>
    /// Access keys of accounts outside the organization, by key id, with the account STS GetAccessKeyInfo names for
    /// them (an incident may be about a key the organization cannot reach). Empty by default; tests add to it.
    /// </summary>
    public ConcurrentDictionary<string, string> ForeignAccessKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Every key pair created so far, including ones later rolled back or deleted.</summary>
    public IReadOnlyList<IssuedAccessKey> IssuedKeys => issued.ToArray();

    /// <summary>Guards the organization model; the ports take it for every read and change.</summary>
    internal Lock Sync { get; } = new();

    /// <summary>
    /// The raw operation ports of this world (Organizations, STS and through it each account's IAM and Secrets Manager,
    /// SNS, the audit log, on <see cref="Time"/>), for <see cref="EngineComposition.Compose"/>: the same composition
    /// an AWS run uses.
    /// </summary>
    public WorldPorts Ports => new(Organizations, Sts, AuditLog, Time) { Sns = Sns, TopicArn = TopicArn };

    /// <summary>The engine's options this world was made with (its discovery settings), with default resilience.</summary>
    public EngineOptions EngineOptions => new() { Discovery = Discovery };

    /// <summary>The engine's services over this world's operations without the pipelines (<see cref="EngineComposition.Bare"/>),
    /// for tests that count or fail raw operations; a run composes with <see cref="EngineComposition.Compose"/>.</summary>
    public RotationServices CreateServices(RetryTally? retries = null) => Bare() with { Retries = retries };

    private RotationServices Bare() => EngineComposition.Bare(Ports, EngineOptions, Time);

    /// <summary>A new key pair for the user; the caller holds <see cref="Sync"/>.</summary>
    internal NewAccessKey IssueKey(string accountId, SimulatedUser user, DateTimeOffset createdAt) =>
        mint.Mint(accountId, user.Name, createdAt, user.AccessKeys.Select(k => k.Id));

    internal void RecordIssued(string accountId, string userName, NewAccessKey key)
    {
        issued.Enqueue(new IssuedAccessKey(accountId, userName, key));
        issuedById[key.AccessKeyId] = key;
    }

    /// <summary>The key pair last issued with this id, or null.</summary>
    internal NewAccessKey? FindIssued(string accessKeyId) => issuedById.GetValueOrDefault(accessKeyId);
}
