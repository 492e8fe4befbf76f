using Amazon.S3;
using KeyRotation.Aws.Permissions;
using KeyRotation.Aws.S3;
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
    private readonly S3Objects objects;

    internal S3PostureReportStore(IAmazonS3 client, string bucket, bool ownsClient = false) =>
        objects = new S3Objects(client, bucket, "report", ownsClient);

    public string Bucket => objects.Bucket;

    [RequiresPermission("s3:PutObject")]
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await objects.PutAsync(key, content, contentType, cancellationToken);
    }

    public void Dispose() => objects.Dispose();
}
