using Amazon.S3;
using Amazon.S3.Model;
using KeyRotation.Aws.Audit;
using KeyRotation.Aws.Digests;
using KeyRotation.Aws.Permissions;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Reports;

/// <summary>
/// Posture reports in an S3 bucket (KEYROTATION_REPORT_BUCKET). The function only puts objects under
/// <c>posture/</c> (the template grants PutObject there and nothing else); reading, lifecycle and retention are the
/// bucket owner's.
/// </summary>
[ActsAs(AwsPrincipal.Central)]
public sealed class S3PostureReportStore : IPostureReportStore, IDisposable
{
    private readonly IAmazonS3 client;
    private readonly bool ownsClient;

    internal S3PostureReportStore(IAmazonS3 client, string bucket, bool ownsClient = false)
    {
        this.client = client;
        this.ownsClient = ownsClient;
        Bucket = bucket;
    }

    public string Bucket { get; }

    [RequiresPermission("s3:PutObject")]
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        using var body = new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = body,
            ContentType = contentType,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        };
        try
        {
            await client.PutObjectAsync(request, cancellationToken);
        }
        catch (Exception e) when (DynamoDbErrors.IsTranslatable(e, cancellationToken))
        {
            throw S3Errors.Translate(e, "PutObject", $"report bucket '{Bucket}', object '{key}'");
        }
    }

    public void Dispose()
    {
        if (ownsClient) client.Dispose();
    }
}
