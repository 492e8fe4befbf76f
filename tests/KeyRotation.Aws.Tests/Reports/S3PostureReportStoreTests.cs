using System.Text;
using Amazon.S3.Model;
using KeyRotation.Aws.Reports;
using KeyRotation.Testing.Moto;

namespace KeyRotation.Aws.Tests.Reports;

/// <summary>The report store against moto's S3.</summary>
[Collection(MotoCollection.Name)]
public sealed class S3PostureReportStoreTests(MotoServer moto)
{
    [MotoFact]
    public async Task Put_NewKey_ReadsBackIdenticalWithItsContentType()
    {
        await moto.ResetAsync();
        using var s3 = MotoLockedBucket.Client(moto);
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = "posture-reports" });
        using var store = new S3PostureReportStore(MotoLockedBucket.Client(moto), "posture-reports", ownsClient: true);
        var content = Encoding.UTF8.GetBytes("<!doctype html><p>Within 90 days: 75 %</p>");

        await store.PutAsync("posture/2026-12-01/run-1.html", content, "text/html; charset=utf-8", CancellationToken.None);

        using var response = await s3.GetObjectAsync("posture-reports", "posture/2026-12-01/run-1.html");
        using var read = new MemoryStream();
        await response.ResponseStream.CopyToAsync(read);
        Assert.Equal(content, read.ToArray());
        Assert.Equal("text/html; charset=utf-8", response.Headers.ContentType);
    }
}
