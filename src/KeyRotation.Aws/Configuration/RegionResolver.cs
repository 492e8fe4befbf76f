using Amazon.Runtime.CredentialManagement;
using KeyRotation.Aws.Variables;

namespace KeyRotation.Aws.Configuration;

/// <summary>Finds the run's region the way the AWS CLI does: explicit, then environment, then the profile.</summary>
internal static class RegionResolver
{
    /// <exception cref="InvalidOperationException">No source names a region.</exception>
    public static string Resolve(AwsSettings settings, IEnvironmentVariables environment, Func<string, string?>? profileRegion = null)
    {
        var region = settings.Region ?? environment.Get("AWS_REGION") ?? environment.Get("AWS_DEFAULT_REGION");
        if (region is null)
        {
            var profile = ProfileName(settings, environment);
            region = (profileRegion ?? RegionOfProfile)(profile);
        }

        if (string.IsNullOrWhiteSpace(region))
        {
            throw new InvalidOperationException(
                "No AWS region: pass --region, set AWS_REGION, or give the profile a region.");
        }

        return region.Trim();
    }

    /// <summary>The profile in effect: <see cref="AwsSettings.Profile"/>, else <c>AWS_PROFILE</c>, else <c>default</c>.</summary>
    public static string ProfileName(AwsSettings settings, IEnvironmentVariables environment) =>
        settings.Profile ?? environment.Get("AWS_PROFILE") ?? "default";

    private static string? RegionOfProfile(string profile) =>
        new CredentialProfileStoreChain().TryGetProfile(profile, out var found) ? found.Region?.SystemName : null;
}
