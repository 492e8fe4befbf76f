using System.Text;
using Amazon.S3.Model;
using KeyRotation.Aws.S3;
using KeyRotation.Engine.Ports;
using KeyRotation.Testing.Moto;

namespace KeyRotation.Aws.Tests.S3;

/// <summary>The bucket helper both S3 stores use, against moto's S3: what each kind of write does to a taken key,
/// and how a missing object reads.</summary>
[Collection(MotoCollection.Name)]
public sealed class S3ObjectsTests(MotoServer moto)
{
    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<S3Objects> BucketAsync(string bucket)
    {
        await moto.ResetAsync();
        using (var s3 = MotoLockedBucket.Client(moto))
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return new S3Objects(MotoLockedBucket.Client(moto), bucket, "report", ownsClient: true);
    }

    [MotoFact]
    public async Task Put_KeyTaken_Replaces()
    {
        using var objects = await BucketAsync("objects-put");
        await objects.PutAsync("posture/a.html", Text("first"), "text/html", CancellationToken.None);

        await objects.PutAsync("posture/a.html", Text("second"), "text/html", CancellationToken.None);

        Assert.Equal("second", Encoding.UTF8.GetString(await objects.GetAsync("posture/a.html", CancellationToken.None)));
    }

    [MotoFact]
    public async Task TryCreate_KeyTaken_ReturnsFalseAndKeepsTheFirst()
    {
        using var objects = await BucketAsync("objects-create");

        var first = await objects.TryCreateAsync("a.json", Text("first"), "application/json", CancellationToken.None);
        var second = await objects.TryCreateAsync("a.json", Text("second"), "application/json", CancellationToken.None);

        Assert.Equal((true, false), (first, second));
        Assert.Equal("first", Encoding.UTF8.GetString(await objects.GetAsync("a.json", CancellationToken.None)));
    }

    [MotoFact]
    public async Task Get_NoSuchKey_ThrowsNotFoundNamingBucketAndObject()
    {
        using var objects = await BucketAsync("objects-get");

        var error = await Assert.ThrowsAsync<ServiceException>(() => objects.GetAsync("posture/none.html", CancellationToken.None));

        Assert.Equal((FailureKind.NotFound, "S3", "GetObject"), (error.Kind, error.Service, error.Operation));
        Assert.Contains("report bucket 'objects-get', object 'posture/none.html'", error.Message, StringComparison.Ordinal);
    }
}
