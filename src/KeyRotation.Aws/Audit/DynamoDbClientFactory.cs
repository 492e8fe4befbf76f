using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace KeyRotation.Aws.Audit;

/// <summary>Builds the low-level DynamoDB client for the audit table from <see cref="AuditStoreSettings"/>.</summary>
internal static class DynamoDbClientFactory
{
    /// <param name="credentials">
    /// Explicit credentials (tests against a local emulator); null: the profile, else placeholder credentials for a
    /// loopback endpoint when nothing is configured (<see cref="LocalEmulatorCredentials"/>), else the default chain.
    /// </param>
    /// <param name="environment">Environment lookup; null: the process environment.</param>
    /// <param name="profileExists">Whether a shared-config profile exists; null: the shared config and credentials files.</param>
    public static AmazonDynamoDBClient Create(
        AuditStoreSettings settings, AWSCredentials? credentials = null, Func<string, string?>? environment = null,
        Func<string, bool>? profileExists = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.TableName);
        environment ??= Environment.GetEnvironmentVariable;
        var config = BuildConfig(settings, environment);
        credentials ??= settings.Profile is { } profile
            ? ProfileCredentials(profile)
            : LocalEmulatorCredentials.For(config.ServiceURL, environment, profileExists ?? ProfileExists);
        try
        {
            return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
        }
        catch (AmazonClientException ex) when (config.RegionEndpoint is null && string.IsNullOrEmpty(config.ServiceURL))
        {
            throw new ArgumentException(
                "No AWS region is configured for DynamoDB: pass a region (--region), set AWS_REGION, or use a profile that has one.",
                nameof(settings), ex);
        }
    }

    internal static AmazonDynamoDBConfig BuildConfig(AuditStoreSettings settings, Func<string, string?> environment)
    {
        var region = settings.Region ?? (settings.Profile is { } profile ? ProfileRegion(profile) : null);
        var config = new AmazonDynamoDBConfig
        {
            MaxErrorRetry = settings.MaxErrorRetry,
            Timeout = settings.Timeout,
        };
        var endpoint = AuditEndpoint.Resolve(settings.EndpointUrl, environment);
        if (endpoint is not null)
        {
            // ServiceURL and RegionEndpoint reset each other; with an override the region only signs requests.
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION") ?? "us-east-1";
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return config;
    }

    /// <summary>Where the client sends requests, for error messages.</summary>
    public static string DescribeEndpoint(IAmazonDynamoDB client)
    {
        var config = client.Config;
        if (!string.IsNullOrEmpty(config.ServiceURL)) return config.ServiceURL.TrimEnd('/');
        return config.RegionEndpoint is { } region
            ? $"https://dynamodb.{region.SystemName}.amazonaws.com"
            : "the default DynamoDB endpoint";
    }

    internal static AWSCredentials ProfileCredentials(string profile)
    {
        var chain = new CredentialProfileStoreChain();
        if (chain.TryGetAWSCredentials(profile, out var credentials)) return credentials;
        throw new ArgumentException($"AWS profile '{profile}' was not found in the shared config or credentials files.", nameof(profile));
    }

    internal static bool ProfileExists(string profile) => new CredentialProfileStoreChain().TryGetProfile(profile, out _);

    internal static string? ProfileRegion(string profile) =>
        new CredentialProfileStoreChain().TryGetProfile(profile, out var p) ? p.Region?.SystemName : null;
}
