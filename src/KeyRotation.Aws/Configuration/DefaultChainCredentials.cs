using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using KeyRotation.Aws.Protocol;

namespace KeyRotation.Aws.Configuration;

/// <summary>
/// The SDK's default credential chain (environment, profiles incl. SSO and assume-role, container, IMDS), resolved on
/// first use rather than at start-up so building the adapters never blocks on IMDS. Resolution and refreshing are the
/// SDK's; this only defers the first call and pins an explicit profile.
/// </summary>
internal sealed class DefaultChainCredentials : AWSCredentials
{
    private readonly SingleFlight<AWSCredentials> resolved;

    public DefaultChainCredentials(string? profile)
    {
        resolved = new SingleFlight<AWSCredentials>(() =>
        {
            // Any client config carries the profile choice into the resolver; the STS one is at hand.
            var config = new AmazonSecurityTokenServiceConfig();
            if (profile is not null) config.Profile = new Amazon.Profile(profile);
            return Resolver.ResolveIdentityAsync(config, CancellationToken.None);
        });
    }

    /// <summary>One per process, as the SDK keeps it: it watches the shared config files for edits.</summary>
    private static DefaultAWSCredentialsIdentityResolver Resolver { get; } = new();

    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        var credentials = await resolved.GetAsync(CancellationToken.None).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().ConfigureAwait(false);
    }
}
