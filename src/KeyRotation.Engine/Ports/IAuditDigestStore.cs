using KeyRotation.Core.Audit.Digests;

namespace KeyRotation.Engine.Ports;

/// <summary>
/// Where run digests are kept, out of reach of whoever can write the audit table (S3 with Object Lock in
/// compliance mode in AWS). Append-only: a digest, once written at a sequence, is never replaced.
/// </summary>
public interface IAuditDigestStore
{
    /// <summary>The digest with the highest sequence, or null when the chain is empty.</summary>
    Task<StoredDigest?> LatestAsync(CancellationToken cancellationToken);

    /// <summary>Every digest, lowest sequence first.</summary>
    IAsyncEnumerable<StoredDigest> ListAsync(CancellationToken cancellationToken);

    /// <summary>Writes the digest at its sequence unless one is there already.</summary>
    /// <returns>False when that sequence was taken (another run sealed first); nothing was written.</returns>
    Task<bool> TryAddAsync(StoredDigest digest, CancellationToken cancellationToken);
}
