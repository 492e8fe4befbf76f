using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Variables;

namespace KeyRotation.Aws.Configuration;

/// <summary>
/// The central principal's credentials when the host gives none: the SDK's default chain (with the profile), except
/// when every service is overridden to a loopback endpoint (a local emulator or the tests' stub) and nothing is
/// configured, where <see cref="LocalEmulatorCredentials"/>' placeholder is used. Without it the chain would end at
/// the EC2 instance metadata service: seconds of timeouts off EC2, on a network the user never meant to reach.
/// </summary>
internal static class CentralCredentials
{
    /// <param name="profileExists">Whether the shared config or credentials files hold a profile; null: read them.</param>
    public static AWSCredentials Resolve(AwsSettings settings, EndpointResolver endpoints, IEnvironmentVariables environment,
        Func<string, bool>? profileExists = null)
    {
        // An explicit profile is the user's choice even against an emulator; a missing one must fail by name.
        if (settings.Profile is null && AllLoopback(endpoints) is { } local
            && LocalEmulatorCredentials.For(local, environment.Get, profileExists ?? ProfileExists) is { } placeholder)
        {
            return placeholder;
        }

        return new DefaultChainCredentials(settings.Profile ?? environment.Get("AWS_PROFILE"));
    }

    /// <summary>One loopback endpoint URL when every service is overridden to loopback; else null.</summary>
    private static string? AllLoopback(EndpointResolver endpoints)
    {
        var urls = AwsService.All.Select(s => endpoints.Resolve(s)).ToArray();
        return urls.All(e => e.IsOverride && LocalEmulatorCredentials.IsLoopback(e.Url.AbsoluteUri)) ? urls[0].Url.AbsoluteUri : null;
    }

    private static bool ProfileExists(string profile) => new CredentialProfileStoreChain().TryGetProfile(profile, out _);
}
