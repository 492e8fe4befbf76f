using System.Globalization;
using KeyRotation.Engine.Reporting;
using KeyRotation.Simulation.Faults;
using KeyRotation.Simulation.Generation;

namespace KeyRotation.Engine.Tests.FaultSuite;

internal enum ScenarioKind
{
    /// <summary>Throttling, 5xx and timeouts only: retries must ride them out.</summary>
    Transient,

    /// <summary>As <see cref="Transient"/>, and every SNS Publish fails: owners are not told, keys are as without faults.</summary>
    TransientNotifierDown,

    /// <summary>One account's role cannot be assumed.</summary>
    DeniedAccount,

    /// <summary>One account's Secrets Manager fails for good.</summary>
    SecretStoreDown,

    /// <summary>A denied account, another with its secret store down, the notifier down, and transient faults.</summary>
    Everything,
}

/// <summary>One seeded scenario of the fault suite: a small generated organization, a fault mix and the run's limits.</summary>
internal sealed record FaultScenario(
    int Seed, ScenarioKind Kind, GeneratorOptions Organization, double Throttle, double ServerError, double Timeout,
    int MaxAccountsInFlight, int MaxUsersInFlight)
{
    /// <summary>Retries per call: enough that throttling or 5xx at these rates never outlasts them.</summary>
    public const int Retries = 25;

    public static FaultScenario For(int seed)
    {
        var random = new Random(seed);
        var organization = new GeneratorOptions
        {
            Seed = seed,
            Accounts = random.Next(4, 9),
            UsersPerAccount = random.Next(5, 11),
            OuCount = 3,
        };
        return new FaultScenario(
            seed,
            (ScenarioKind)(seed % 5),
            organization,
            Throttle: Math.Round(random.NextDouble() * 0.4, 3),
            ServerError: Math.Round(random.NextDouble() * 0.06, 3),
            Timeout: Math.Round(random.NextDouble() * 0.04, 3),
            MaxAccountsInFlight: random.Next(1, 9),
            MaxUsersInFlight: random.Next(1, 5));
    }

    /// <summary>The spec for this scenario; the accounts it breaks are picked among those the fault-free run processed.</summary>
    public (FaultSpec Spec, string? Denied, string? SecretStoreDown) Faults(RunReport baseline)
    {
        var random = new Random(Seed * 31);
        var processed = baseline.Accounts.Where(a => a.Status == AccountStatus.Processed).Select(a => a.AccountId).ToArray();
        // A secret store only matters where keys are created.
        var creating = baseline.Accounts.Where(a => a.Actions.Any(r => r.Action == Core.Planning.ActionKind.CreateKey))
            .Select(a => a.AccountId).ToArray();
        string? denied = Kind is ScenarioKind.DeniedAccount or ScenarioKind.Everything && processed.Length > 0
            ? processed[random.Next(processed.Length)]
            : null;
        var storeCandidates = creating.Where(a => a != denied).ToArray();
        string? storeDown = Kind is ScenarioKind.SecretStoreDown or ScenarioKind.Everything && storeCandidates.Length > 0
            ? storeCandidates[random.Next(storeCandidates.Length)]
            : null;

        var tokens = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"throttle={Throttle}"),
            string.Create(CultureInfo.InvariantCulture, $"server-error={ServerError}"),
            string.Create(CultureInfo.InvariantCulture, $"timeout={Timeout}"),
        };
        if (denied is not null) tokens.Add($"deny-account={denied}");
        if (storeDown is not null) tokens.Add($"secret-store-down={storeDown}");
        if (Kind is ScenarioKind.TransientNotifierDown or ScenarioKind.Everything) tokens.Add("notifier-down");
        return (FaultSpec.Parse(string.Join(',', tokens)), denied, storeDown);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"seed {Seed}: {Kind}, {Organization.Accounts} accounts x {Organization.UsersPerAccount} users, " +
        $"throttle={Throttle} server-error={ServerError} timeout={Timeout}, in flight {MaxAccountsInFlight}/{MaxUsersInFlight}");
}
