using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Permissions;
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
    private readonly IAmazonS3 client;
    private readonly bool ownsClient;

    internal S3AuditDigestStore(IAmazonS3 client, string bucket, bool ownsClient = false)
    {
        this.client = client;
        this.ownsClient = ownsClient;
        Bucket = bucket;
    }

    /// <summary>The store of the bucket of <paramref name="settings"/>, with its own S3 client (from the profile, region and
    /// endpoint variables of <paramref name="environment"/>, as the audit table's). Dispose it.</summary>
    /// <exception cref="ArgumentException">The profile is unknown, an endpoint variable is malformed, or no region is configured.</exception>
    public static S3AuditDigestStore Open(AuditDigestStoreSettings settings, Func<string, string?>? environment = null) =>
        S3ClientFactory.CreateStore(settings, environment);

    public const string Prefix = "digests/";

    public string Bucket { get; }

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
        using var body = new MemoryStream(digest.Content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = KeyFor(digest.Sequence),
            InputStream = body,
            ContentType = "application/json",
            IfNoneMatch = "*",
            // Object Lock buckets refuse a write without an integrity checksum.
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        };
        try
        {
            await client.PutObjectAsync(request, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            return false; // 412: the sequence is taken; 409: another write of it is in flight.
        }
        catch (Exception e) when (DynamoDbErrors.IsTranslatable(e, cancellationToken))
        {
            throw S3Errors.Translate(e, "PutObject", Describe);
        }
    }

    public void Dispose()
    {
        if (ownsClient) client.Dispose();
    }

    private string Describe => $"digest bucket '{Bucket}'";

    private async IAsyncEnumerable<(string Key, long Sequence)> KeysAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = Prefix };
        ListObjectsV2Response page;
        do
        {
            try
            {
                page = await client.ListObjectsV2Async(request, cancellationToken);
            }
            catch (Exception e) when (DynamoDbErrors.IsTranslatable(e, cancellationToken))
            {
                throw S3Errors.Translate(e, "ListObjectsV2", Describe);
            }

            // Keys are zero-padded, so S3's lexicographic order is sequence order; other objects are ignored.
            foreach (var item in page.S3Objects ?? [])
            {
                if (Sequence(item.Key) is { } sequence) yield return (item.Key, sequence);
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }

    private async Task<StoredDigest> GetAsync(string key, long sequence, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetObjectAsync(Bucket, key, cancellationToken);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, cancellationToken);
            return new StoredDigest(sequence, content.ToArray());
        }
        catch (Exception e) when (DynamoDbErrors.IsTranslatable(e, cancellationToken))
        {
            throw S3Errors.Translate(e, "GetObject", $"{Describe}, object '{key}'");
        }
    }

    private static long? Sequence(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || !key.EndsWith(".json", StringComparison.Ordinal)) return null;
        var digits = key.AsSpan(Prefix.Length, key.Length - Prefix.Length - ".json".Length);
        return digits.Length == 20 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
