using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using KeyRotation.Aws.Audit;

namespace KeyRotation.Aws.Digests;

/// <summary>Builds the S3 client of the digest bucket from <see cref="AuditDigestStoreSettings"/>, as the audit table's client is built.</summary>
internal static class S3ClientFactory
{
    /// <summary>The store; it owns the client. Dispose it.</summary>
    /// <exception cref="ArgumentException">The profile is unknown, an endpoint variable is malformed, or no region is configured.</exception>
    public static S3AuditDigestStore CreateStore(AuditDigestStoreSettings settings, Func<string, string?>? environment = null,
        AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        environment ??= Environment.GetEnvironmentVariable;
        var config = BuildConfig(settings, environment);
        credentials ??= settings.Profile is { } profile
            ? DynamoDbClientFactory.ProfileCredentials(profile)
            : LocalEmulatorCredentials.For(config.ServiceURL, environment, DynamoDbClientFactory.ProfileExists);
        try
        {
            var client = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
            return new S3AuditDigestStore(client, settings.Bucket, ownsClient: true);
        }
        catch (AmazonClientException ex) when (config.RegionEndpoint is null && string.IsNullOrEmpty(config.ServiceURL))
        {
            throw new ArgumentException(
                "No AWS region is configured for S3: pass a region (--region), set AWS_REGION, or use a profile that has one.",
                nameof(settings), ex);
        }
    }

    internal static AmazonS3Config BuildConfig(AuditDigestStoreSettings settings, Func<string, string?> environment)
    {
        var region = settings.Region ?? (settings.Profile is { } profile ? DynamoDbClientFactory.ProfileRegion(profile) : null);
        var config = new AmazonS3Config { MaxErrorRetry = settings.MaxErrorRetry, Timeout = settings.Timeout };
        if (Endpoint(environment) is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region ?? environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION") ?? "us-east-1";
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        // Endpoint variables were applied above; the SDK must not apply AWS_ENDPOINT_URL on top of a region.
        config.IgnoreConfiguredEndpointUrls = true;
        return config;
    }

    /// <summary>$AWS_ENDPOINT_URL_S3, else $AWS_ENDPOINT_URL; null: AWS itself.</summary>
    /// <exception cref="ArgumentException">The variable in effect is not an absolute http(s) URL; names it.</exception>
    public static string? Endpoint(Func<string, string?> environment)
    {
        foreach (var variable in new[] { AuditDigestStoreSettings.ServiceEndpointVariable, AuditDigestStoreSettings.GenericEndpointVariable })
        {
            var value = environment(variable);
            if (string.IsNullOrWhiteSpace(value)) continue;
            return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? value.Trim()
                : throw new ArgumentException($"${variable} '{value}' is not an absolute http(s) URL.", nameof(environment));
        }

        return null;
    }
}
