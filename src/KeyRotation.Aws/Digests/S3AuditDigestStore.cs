using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.S3;
using KeyRotation.Aws.Permissions;
using KeyRotation.Aws.S3;
using KeyRotation.Core.Audit.Digests;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Digests;

/// <summary>
/// Digests in an S3 bucket with Object Lock (compliance mode, default retention set by the bucket), one object per
/// digest at <c>digests/&lt;sequence, 20 digits&gt;.json</c>. A digest is written with <c>If-None-Match: *</c>, so a
/// sequence another run took is refused (412) instead of overwritten; the bucket's retention, not this class,
/// keeps it from being deleted. The function never sets retention or deletes: it needs PutObject, GetObject and
/// ListBucket only.
/// </summary>
[ActsAs(AwsPrincipal.Central)]
public sealed class S3AuditDigestStore : IAuditDigestStore, IDisposable
{
    private readonly S3Objects objects;

    internal S3AuditDigestStore(IAmazonS3 client, string bucket, bool ownsClient = false) =>
        objects = new S3Objects(client, bucket, "digest", ownsClient);

    /// <summary>The store of the bucket of <paramref name="settings"/>, with its own S3 client (from the profile, region and
    /// endpoint variables of <paramref name="environment"/>, as the audit table's). Dispose it.</summary>
    /// <exception cref="ArgumentException">The profile is unknown, an endpoint variable is malformed, or no region is configured.</exception>
    public static S3AuditDigestStore Open(AuditDigestStoreSettings settings, Func<string, string?>? environment = null) =>
        S3ClientFactory.CreateStore(settings, environment);

    public const string Prefix = "digests/";

    public string Bucket => objects.Bucket;

    public static string KeyFor(long sequence) => Prefix + sequence.ToString("D20", CultureInfo.InvariantCulture) + ".json";

    [RequiresPermission("s3:ListBucket", "s3:GetObject")]
    public async Task<StoredDigest?> LatestAsync(CancellationToken cancellationToken)
    {
        (string Key, long Sequence)? last = null;
        await foreach (var key in KeysAsync(cancellationToken)) last = key;
        return last is { } found ? await GetAsync(found.Key, found.Sequence, cancellationToken) : null;
    }

    [RequiresPermission("s3:ListBucket", "s3:GetObject")]
    public async IAsyncEnumerable<StoredDigest> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (key, sequence) in KeysAsync(cancellationToken))
            yield return await GetAsync(key, sequence, cancellationToken);
    }

    [RequiresPermission("s3:PutObject")]
    public async Task<bool> TryAddAsync(StoredDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        // A sequence another run took, or is taking, is refused rather than overwritten.
        return await objects.TryCreateAsync(KeyFor(digest.Sequence), digest.Content, "application/json", cancellationToken);
    }

    public void Dispose() => objects.Dispose();

    private async IAsyncEnumerable<(string Key, long Sequence)> KeysAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Keys are zero-padded, so S3's lexicographic order is sequence order; other objects are ignored.
        await foreach (var key in objects.KeysAsync(Prefix, cancellationToken))
        {
            if (Sequence(key) is { } sequence) yield return (key, sequence);
        }
    }

    private async Task<StoredDigest> GetAsync(string key, long sequence, CancellationToken cancellationToken) =>
        new(sequence, await objects.GetAsync(key, cancellationToken));

    private static long? Sequence(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || !key.EndsWith(".json", StringComparison.Ordinal)) return null;
        var digits = key.AsSpan(Prefix.Length, key.Length - Prefix.Length - ".json".Length);
        return digits.Length == 20 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
