namespace KeyRotation.Aws.Audit;

/// <summary>Chooses the DynamoDB endpoint override: flag, then service-specific variable, then the generic one.</summary>
public static class AuditEndpoint
{
    /// <summary>The DynamoDB endpoint override variable, read before <see cref="GenericVariable"/>.</summary>
    public const string ServiceVariable = "AWS_ENDPOINT_URL_DYNAMODB";
    /// <summary>The endpoint override for every service.</summary>
    public const string GenericVariable = "AWS_ENDPOINT_URL";

    internal static string? Resolve(string? explicitUrl, Func<string, string?> environment)
    {
        var url = FirstNonBlank(explicitUrl, environment(ServiceVariable), environment(GenericVariable));
        if (url is null) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"DynamoDB endpoint URL '{url}' is not an absolute http(s) URL.", nameof(explicitUrl));
        return url;
    }

    private static string? FirstNonBlank(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
