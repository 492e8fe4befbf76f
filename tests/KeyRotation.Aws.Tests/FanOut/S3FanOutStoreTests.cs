using System.Text;
using KeyRotation.Aws.FanOut;
using KeyRotation.Engine.Ports;
using KeyRotation.Testing.Moto;

namespace KeyRotation.Aws.Tests.FanOut;

/// <summary>The fan-out store against moto's S3: what list-targets puts, summarize gets; a missing object or bucket is named.</summary>
[Collection(MotoCollection.Name)]
public sealed class S3FanOutStoreTests(MotoServer moto)
{
    private const string Bucket = "key-rotation-fan-out";

    [MotoFact]
    public async Task Put_ThenGet_ReadsBackIdenticalAsJson()
    {
        using var store = await CreateAsync();
        var items = Encoding.UTF8.GetBytes("""[{"accountId":"222222222222","accountName":"dev"}]""");

        await store.PutAsync("runs/exec-1/targets.json", items, CancellationToken.None);

        Assert.Equal(items, await store.GetAsync("runs/exec-1/targets.json", CancellationToken.None));
        using var s3 = MotoLockedBucket.Client(moto);
        using var response = await s3.GetObjectAsync(Bucket, "runs/exec-1/targets.json");
        Assert.Equal("application/json", response.Headers.ContentType);
        Assert.Equal(Bucket, store.Bucket);
    }

    [MotoFact]
    public async Task Get_MissingKey_NotFoundNamingTheBucketAndKey()
    {
        using var store = await CreateAsync();

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            store.GetAsync("runs/exec-1/results/m/manifest.json", CancellationToken.None));

        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Contains($"fan-out bucket '{Bucket}', object 'runs/exec-1/results/m/manifest.json'", error.Message, StringComparison.Ordinal);
    }

    [MotoFact]
    public async Task Put_MissingBucket_NotFoundNamingTheBucketAndKey()
    {
        await moto.ResetAsync();
        using var store = new S3FanOutStore(MotoLockedBucket.Client(moto), "no-such-bucket", ownsClient: true);

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            store.PutAsync("runs/exec-1/targets.json", "[]"u8.ToArray(), CancellationToken.None));

        Assert.Equal((FailureKind.NotFound, "NoSuchBucket"), (error.Kind, error.Code));
        Assert.Contains("fan-out bucket 'no-such-bucket', object 'runs/exec-1/targets.json'", error.Message, StringComparison.Ordinal);
    }

    private async Task<S3FanOutStore> CreateAsync()
    {
        await moto.ResetAsync();
        using var s3 = MotoLockedBucket.Client(moto);
        await s3.PutBucketAsync(Bucket);
        return new S3FanOutStore(MotoLockedBucket.Client(moto), Bucket, ownsClient: true);
    }
}
