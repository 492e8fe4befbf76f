using System.Globalization;

namespace KeyRotation.Simulation.Faults;

/// <summary>
/// Which faults a simulated organization raises, parsed from a spec string such as
/// <c>throttle=0.3,server-error=0.05,timeout=0.02,deny-account=222222222222,secret-store-down=333333333333,notifier-down</c>.
/// Rates are per call and apply to every service; the named faults hit every matching call.
/// </summary>
public sealed class FaultSpec
{
    public static FaultSpec None { get; } = new();

    /// <summary>Share of calls refused with a throttling error, in [0, 1].</summary>
    public double ThrottleRate { get; private init; }

    /// <summary>Share of calls failing with a 500/503 transient error, in [0, 1].</summary>
    public double ServerErrorRate { get; private init; }

    /// <summary>Share of calls timing out (a transient error), in [0, 1].</summary>
    public double TimeoutRate { get; private init; }

    /// <summary>Accounts whose AssumeRole is denied (role missing or trust broken).</summary>
    public IReadOnlySet<string> DeniedAccounts { get; private init; } = new HashSet<string>();

    /// <summary>Accounts whose Secrets Manager fails for good; see <see cref="SecretStoreDownEverywhere"/>.</summary>
    public IReadOnlySet<string> SecretStoreDownAccounts { get; private init; } = new HashSet<string>();

    /// <summary><c>secret-store-down</c> without an account: every account's Secrets Manager fails.</summary>
    public bool SecretStoreDownEverywhere { get; private init; }

    /// <summary>Every SNS Publish fails for good.</summary>
    public bool NotifierDown { get; private init; }

    public bool IsSecretStoreDown(string accountId) =>
        SecretStoreDownEverywhere || SecretStoreDownAccounts.Contains(accountId);

    /// <summary>Parses a spec; null, empty or blank means no faults.</summary>
    /// <exception cref="FormatException">Naming the offending token and what was expected.</exception>
    public static FaultSpec Parse(string? spec) => FaultSpecParser.Parse(spec);

    /// <summary>The canonical spec string; <see cref="Parse"/> of it gives an equal spec.</summary>
    public override string ToString()
    {
        var tokens = new List<string>();
        AddRate(tokens, FaultSpecParser.Throttle, ThrottleRate);
        AddRate(tokens, FaultSpecParser.ServerError, ServerErrorRate);
        AddRate(tokens, FaultSpecParser.Timeout, TimeoutRate);
        tokens.AddRange(DeniedAccounts.Order(StringComparer.Ordinal).Select(a => $"{FaultSpecParser.DenyAccount}={a}"));
        if (SecretStoreDownEverywhere) tokens.Add(FaultSpecParser.SecretStoreDown);
        tokens.AddRange(SecretStoreDownAccounts.Order(StringComparer.Ordinal).Select(a => $"{FaultSpecParser.SecretStoreDown}={a}"));
        if (NotifierDown) tokens.Add(FaultSpecParser.NotifierDown);
        return string.Join(',', tokens);
    }

    internal static FaultSpec Create(
        double throttle, double serverError, double timeout, IReadOnlySet<string> denied,
        IReadOnlySet<string> secretStoreDown, bool secretStoreDownEverywhere, bool notifierDown) => new()
        {
            ThrottleRate = throttle,
            ServerErrorRate = serverError,
            TimeoutRate = timeout,
            DeniedAccounts = denied,
            SecretStoreDownAccounts = secretStoreDown,
            SecretStoreDownEverywhere = secretStoreDownEverywhere,
            NotifierDown = notifierDown,
        };

    private static void AddRate(List<string> tokens, string name, double rate)
    {
        if (rate > 0) tokens.Add($"{name}={rate.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
