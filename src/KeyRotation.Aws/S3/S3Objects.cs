using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using KeyRotation.Aws.Audit;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.S3;

/// <summary>
/// The objects of one bucket, as the digest and report stores keep them: put, get and list, one request each (the
/// client's own retry setting aside), every S3 failure turned into a <see cref="ServiceException"/> naming the
/// bucket and object. What the objects mean, and the permissions each use needs, are the stores'.
/// </summary>
/// <param name="purpose">What the bucket is for, as error messages name it: "digest", "report".</param>
/// <param name="ownsClient">Dispose disposes the client.</param>
internal sealed class S3Objects(IAmazonS3 client, string bucket, string purpose, bool ownsClient) : IDisposable
{
    public string Bucket => bucket;

    /// <summary>"digest bucket 'name'", as error messages name the bucket.</summary>
    public string Describe => $"{purpose} bucket '{bucket}'";

    /// <summary>Writes <paramref name="key"/>, replacing what is there.</summary>
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        await SendPutAsync(key, content, contentType, createOnly: false, cancellationToken);

    /// <summary>Writes <paramref name="key"/> only if it does not exist (<c>If-None-Match: *</c>).</summary>
    /// <returns>False when the key is taken (412) or another write of it is in flight (409); nothing was written.</returns>
    public Task<bool> TryCreateAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        SendPutAsync(key, content, contentType, createOnly: true, cancellationToken);

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetObjectAsync(bucket, key, cancellationToken);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, cancellationToken);
            return content.ToArray();
        }
        catch (Exception e) when (DynamoDbErrors.IsTranslatable(e, cancellationToken))
        {
            throw S3Errors.Translate(e, "GetObject", Object(key));
        }
    }

    /// <summary>The keys under <paramref name="prefix"/>, in S3's order (lexicographic), page by page.</summary>
    public async IAsyncEnumerable<string> KeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
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

            foreach (var item in page.S3Objects ?? []) yield return item.Key;

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }

    public void Dispose()
    {
        if (ownsClient) client.Dispose();
    }

    private string Object(string key) => $"{Describe}, object '{key}'";

    private async Task<bool> SendPutAsync(string key, ReadOnlyMemory<byte> content, string contentType, bool createOnly,
        CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = body,
            ContentType = contentType,
            // Object Lock buckets refuse a write without an integrity checksum.
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        };
        if (createOnly) request.IfNoneMatch = "*";
        try
        {
            await client.PutObjectAsync(request, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (createOnly && e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            return false;
        }
        catch (Exception e) when (DynamoDbErrors.IsTranslatable(e, cancellationToken))
        {
            throw S3Errors.Translate(e, "PutObject", Object(key));
        }
    }
}
