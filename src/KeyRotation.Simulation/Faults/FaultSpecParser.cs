using System.Globalization;

namespace KeyRotation.Simulation.Faults;

/// <summary>The grammar of <see cref="FaultSpec"/>: comma-separated <c>name</c> or <c>name=value</c> tokens.</summary>
internal static class FaultSpecParser
{
    public const string Throttle = "throttle";
    public const string ServerError = "server-error";
    public const string Timeout = "timeout";
    public const string DenyAccount = "deny-account";
    public const string SecretStoreDown = "secret-store-down";
    public const string NotifierDown = "notifier-down";

    private static readonly string Expected =
        $"expected one of {Throttle}=RATE, {ServerError}=RATE, {Timeout}=RATE, {DenyAccount}=ACCOUNT_ID, "
        + $"{SecretStoreDown}[=ACCOUNT_ID], {NotifierDown} (RATE in [0, 1], ACCOUNT_ID 12 digits)";

    public static FaultSpec Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return FaultSpec.None;

        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        var denied = new HashSet<string>(StringComparer.Ordinal);
        var secretStoreDown = new HashSet<string>(StringComparer.Ordinal);
        var secretStoreDownEverywhere = false;
        var notifierDown = false;

        foreach (var raw in spec.Split(','))
        {
            var token = raw.Trim();
            if (token.Length == 0) throw Bad(raw, "empty token (two commas in a row, or a trailing comma)");
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? token : token[..equals]).Trim();
            var value = equals < 0 ? null : token[(equals + 1)..].Trim();

            switch (name)
            {
                case Throttle or ServerError or Timeout:
                    if (rates.ContainsKey(name)) throw Bad(token, $"'{name}' is given more than once");
                    rates[name] = Rate(token, value);
                    break;
                case DenyAccount:
                    denied.Add(AccountId(token, value ?? throw Bad(token, $"'{DenyAccount}' needs an account id")));
                    break;
                case SecretStoreDown when value is null:
                    secretStoreDownEverywhere = true;
                    break;
                case SecretStoreDown:
                    secretStoreDown.Add(AccountId(token, value));
                    break;
                case NotifierDown:
                    if (value is not null) throw Bad(token, $"'{NotifierDown}' takes no value");
                    notifierDown = true;
                    break;
                default:
                    throw Bad(token, $"unknown fault '{name}'");
            }
        }

        var throttle = rates.GetValueOrDefault(Throttle);
        var serverError = rates.GetValueOrDefault(ServerError);
        var timeout = rates.GetValueOrDefault(Timeout);
        if (throttle + serverError + timeout > 1)
        {
            throw new FormatException(
                $"Invalid fault spec '{spec}': {Throttle} + {ServerError} + {Timeout} rates add up to more than 1.");
        }

        return FaultSpec.Create(throttle, serverError, timeout, denied, secretStoreDown, secretStoreDownEverywhere, notifierDown);
    }

    private static double Rate(string token, string? value)
    {
        if (value is null) throw Bad(token, "needs a rate, e.g. =0.1");
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
            || !double.IsFinite(rate) || rate < 0 || rate > 1)
        {
            throw Bad(token, $"rate '{value}' is not a number between 0 and 1");
        }

        return rate;
    }

    private static string AccountId(string token, string value)
    {
        if (!Engine.Settings.AccountIds.IsValid(value))
            throw Bad(token, $"account id '{value}' is not 12 digits");
        return value;
    }

    private static FormatException Bad(string token, string problem) =>
        new($"Invalid fault spec token '{token.Trim()}': {problem}; {Expected}.");
}
