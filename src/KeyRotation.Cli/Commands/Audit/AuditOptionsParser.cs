using System.Globalization;
using System.Text.RegularExpressions;
using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Output;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Planning;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary>Validates the audit options; every problem is reported at once, naming the option and the value.</summary>
internal static partial class AuditOptionsParser
{
    public const string TableVariable = "KEYROTATION_AUDIT_TABLE";

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

    [GeneratedRegex(@"^[a-zA-Z0-9_.-]{3,255}$")]
    private static partial Regex TablePattern();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$")]
    private static partial Regex RegionPattern();

    public static AuditStoreSettings? ParseStore(AuditStoreRawOptions raw, Func<string, string?> environment, List<string> errors)
    {
        var table = Blank(raw.Table) ? environment(TableVariable) : raw.Table;
        if (Blank(table))
            errors.Add($"{raw.TableOption} is required (or set {TableVariable}).");
        else if (!TablePattern().IsMatch(table!.Trim()))
            errors.Add($"{raw.TableOption} '{table}' is not a DynamoDB table name (3-255 letters, digits, '_', '-', '.').");
        if (!Blank(raw.Region) && !RegionPattern().IsMatch(raw.Region!.Trim()))
            errors.Add($"--region '{raw.Region}' is not an AWS region name (e.g. eu-west-1).");
        if (!Blank(raw.EndpointUrl) && !IsHttpUrl(raw.EndpointUrl!))
            errors.Add($"--endpoint-url '{raw.EndpointUrl}' is not an absolute http(s) URL.");
        if (raw.Profile is not null && Blank(raw.Profile))
            errors.Add("--profile is empty; leave it out to use the default credentials.");
        var endpoint = Endpoint(raw.EndpointUrl, environment, errors);
        return errors.Count > 0 ? null : new AuditStoreSettings(table!.Trim(), Trimmed(raw.Region), endpoint, Trimmed(raw.Profile));
    }

    /// <summary>
    /// The endpoint in effect, read here rather than by the client so it can be named in messages and hints:
    /// --endpoint-url, else $AWS_ENDPOINT_URL_DYNAMODB, else $AWS_ENDPOINT_URL; null: AWS itself.
    /// </summary>
    private static string? Endpoint(string? flag, Func<string, string?> environment, List<string> errors)
    {
        if (!Blank(flag)) return flag!.Trim();
        foreach (var variable in new[] { AuditEndpoint.ServiceVariable, AuditEndpoint.GenericVariable })
        {
            var value = environment(variable);
            if (Blank(value)) continue;
            if (IsHttpUrl(value!)) return value!.Trim();
            errors.Add($"${variable} '{value}' is not an absolute http(s) URL.");
            return null;
        }
        return null;
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static AuditQueryOptions? ParseQuery(AuditQueryRawOptions raw, Func<string, string?> environment, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var store = ParseStore(raw.Store, environment, problems);
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

    private static string? Trimmed(string? value) => Blank(value) ? null : value!.Trim();
}
