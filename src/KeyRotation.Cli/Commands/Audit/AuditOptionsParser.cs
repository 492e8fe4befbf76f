using System.Globalization;
using System.Text.RegularExpressions;
using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Output;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary>Validates the audit options; every problem is reported at once, naming the option and the value.</summary>
internal static partial class AuditOptionsParser
{
    /// <summary>Planner actions and run-level actions, in their canonical spelling.</summary>
    public static readonly IReadOnlyList<string> KnownActions =
    [
        .. Enum.GetNames<ActionKind>(),
        AuditAction.RunStarted, AuditAction.RunFinished, AuditAction.AccountSkipped, AuditAction.AccountFailed,
        AuditAction.AccountDeferred, AuditAction.Notify, AuditAction.StoreSecret,
    ];

    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$")]
    private static partial Regex UserPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]{16,128}$")]
    private static partial Regex AccessKeyPattern();

    public static AuditQueryOptions? ParseQuery(AuditQueryRawOptions raw, Func<string, string?> environment, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var store = AuditStoreParser.ParseStore(raw.Store, environment, problems);
        var query = new AuditQuery
        {
            AccountId = Checked("--account", raw.Account, Engine.Settings.AccountIds.IsValid, Engine.Settings.AccountIds.Expectation, problems),
            UserName = Checked("--user", raw.User, UserPattern().IsMatch, "an IAM user name (up to 64 letters, digits and +=,.@_-)", problems),
            AccessKeyId = Checked("--access-key-id", raw.AccessKeyId, AccessKeyPattern().IsMatch, "an access key id (16-128 letters and digits)", problems),
            RunId = NotBlank("--run", raw.Run, problems),
            Action = Action(raw.Action, problems),
            Since = Instant("--since", raw.Since, problems),
            Until = Instant("--until", raw.Until, problems),
            Limit = Limit(raw.Limit, problems),
            IncludeIntents = raw.IncludeIntents,
        };
        if (query.Since >= query.Until)
            problems.Add($"--since ({raw.Since}) must be earlier than --until ({raw.Until}); --until is exclusive.");
        var format = Format(raw.Output, problems);
        errors = problems;
        return problems.Count > 0 ? null : new AuditQueryOptions(store!, query, format);
    }

    private static string? Checked(string option, string? value, Func<string, bool> isValid, string what, List<string> errors)
    {
        if (value is null) return null;
        var trimmed = value.Trim();
        if (isValid(trimmed)) return trimmed;
        errors.Add($"{option} '{value}' is not {what}.");
        return null;
    }

    private static string? NotBlank(string option, string? value, List<string> errors)
    {
        if (value is null) return null;
        if (!Blank(value)) return value.Trim();
        errors.Add($"{option} is empty; leave it out to match any value.");
        return null;
    }

    private static string? Action(string? value, List<string> errors)
    {
        if (value is null) return null;
        var known = KnownActions.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (known is null) errors.Add($"--action '{value}' is not a known action; use one of: {string.Join(", ", KnownActions)}.");
        return known;
    }

    private static DateTimeOffset? Instant(string option, string? value, List<string> errors)
    {
        if (value is null) return null;
        if (AuditInstant.TryParse(option, value, out var instant) is { } error)
        {
            errors.Add(error);
            return null;
        }
        return instant;
    }

    private static int? Limit(string? value, List<string> errors)
    {
        if (value is null) return null;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0) return limit;
        errors.Add($"--limit '{value}' must be a whole number from 1 to {int.MaxValue}.");
        return null;
    }

    private static AuditOutputFormat Format(string? value, List<string> errors)
    {
        if (value is null) return AuditOutputFormat.Table;
        if (Enum.TryParse<AuditOutputFormat>(value.Trim(), ignoreCase: true, out var format)
            && Enum.IsDefined(format) && !int.TryParse(value, out _))
            return format;
        errors.Add($"--output '{value}' must be one of: table, json, csv.");
        return AuditOutputFormat.Table;
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
