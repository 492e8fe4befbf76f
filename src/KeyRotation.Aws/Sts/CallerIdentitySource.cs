using KeyRotation.Aws.Protocol;

namespace KeyRotation.Aws.Sts;

/// <summary>The central caller's identity, asked once per run; a failed lookup is asked again next time.</summary>
internal sealed class CallerIdentitySource(StsGateway sts)
{
    private readonly SingleFlight<CallerIdentity> identity = new(() => sts.GetCallerIdentityAsync(CancellationToken.None));

    /// <summary>The gateway asked, for the other STS calls of the run.</summary>
    public StsGateway Sts { get; } = sts;

    public Task<CallerIdentity> GetAsync(CancellationToken cancellationToken) => identity.GetAsync(cancellationToken);
}
