using Amazon.Runtime;

namespace KeyRotation.Aws.Sts;

/// <summary>Temporary credentials and when they expire. Not a record, so nothing prints the secret by accident.</summary>
internal sealed class SessionCredentials(ImmutableCredentials credentials, DateTimeOffset expiration)
{
    public ImmutableCredentials Credentials { get; } = credentials;

    public DateTimeOffset Expiration { get; } = expiration;

    public override string ToString() => $"session credentials {Credentials.AccessKey} until {Expiration:O}";
}
