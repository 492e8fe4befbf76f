using Amazon.S3;
using KeyRotation.Aws.Permissions;
using KeyRotation.Aws.S3;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.FanOut;

/// <summary>
/// The fan-out bucket (KEYROTATION_FAN_OUT_BUCKET), private to the stack: list-targets puts each run's items under
/// <c>runs/&lt;run id&gt;/</c>, summarize gets the map's result manifest and files Step Functions wrote there. The
/// template grants the function PutObject on <c>runs/*/targets.json</c> and GetObject on <c>runs/*/results/*</c> of
/// this bucket and nothing else: it can neither read its items back nor write a result.
/// </summary>
[ActsAs(AwsPrincipal.Central)]
public sealed class S3FanOutStore : IFanOutStore, IDisposable
{
    private readonly S3Objects objects;

    internal S3FanOutStore(IAmazonS3 client, string bucket, bool ownsClient = false) =>
        objects = new S3Objects(client, bucket, "fan-out", ownsClient);

    public string Bucket => objects.Bucket;

    [RequiresPermission("s3:PutObject")]
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await objects.PutAsync(key, content, "application/json", cancellationToken);
    }

    [RequiresPermission("s3:GetObject")]
    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return await objects.GetAsync(key, cancellationToken);
    }

    public void Dispose() => objects.Dispose();
}
