using System.Text.RegularExpressions;
using KeyRotation.Aws.Audit;

namespace KeyRotation.Cli.Options;

/// <summary>Validates where the audit table is (--table or --audit-table, --region, --endpoint-url, --profile); every
/// problem is reported at once, naming the option and the value.</summary>
internal static partial class AuditStoreParser
{
    public const string TableVariable = "KEYROTATION_AUDIT_TABLE";

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

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    private static string? Trimmed(string? value) => Blank(value) ? null : value!.Trim();
}
