using System.Text;
using Amazon.S3.Model;
using KeyRotation.Aws.Digests;
using KeyRotation.Core.Audit.Digests;
using KeyRotation.Engine.Ports;
using KeyRotation.Testing.Moto;

namespace KeyRotation.Aws.Tests.Digests;

/// <summary>The digest store against moto's S3 with Object Lock in compliance mode, as the central template makes it.</summary>
[Collection(MotoCollection.Name)]
public sealed class S3AuditDigestStoreTests(MotoServer moto)
{
    private static StoredDigest Digest(long sequence, string text) => new(sequence, Encoding.UTF8.GetBytes(text));

    private async Task<S3AuditDigestStore> StoreAsync(string bucket)
    {
        await moto.ResetAsync();
        await MotoLockedBucket.CreateAsync(moto, bucket);
        return new S3AuditDigestStore(MotoLockedBucket.Client(moto), bucket, ownsClient: true);
    }

    [MotoFact]
    public async Task TryAdd_SequenceAlreadyTaken_ReturnsFalseAndKeepsTheFirst()
    {
        using var store = await StoreAsync("digests-taken");

        var first = await store.TryAddAsync(Digest(1, "first"), CancellationToken.None);
        var second = await store.TryAddAsync(Digest(1, "second"), CancellationToken.None);

        Assert.Equal((true, false), (first, second));
        var latest = await store.LatestAsync(CancellationToken.None);
        Assert.Equal("first", Encoding.UTF8.GetString(latest!.Content.Span));
    }

    [MotoFact]
    public async Task List_InSequenceOrder_IgnoresOtherObjects_LatestIsTheHighest()
    {
        using var store = await StoreAsync("digests-order");
        foreach (var sequence in new long[] { 2, 10, 1 })
            Assert.True(await store.TryAddAsync(Digest(sequence, $"d{sequence}"), CancellationToken.None));
        using (var s3 = MotoLockedBucket.Client(moto))
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "digests-order", Key = "digests/readme.txt", ContentBody = "x" });

        var listed = new List<StoredDigest>();
        await foreach (var d in store.ListAsync(CancellationToken.None)) listed.Add(d);

        Assert.Equal([1L, 2L, 10L], listed.Select(d => d.Sequence));
        Assert.Equal("d10", Encoding.UTF8.GetString((await store.LatestAsync(CancellationToken.None))!.Content.Span));
        Assert.Equal("digests/00000000000000000010.json", S3AuditDigestStore.KeyFor(10));
    }

    [MotoFact]
    public async Task Latest_EmptyBucket_IsNull()
    {
        using var store = await StoreAsync("digests-empty");

        Assert.Null(await store.LatestAsync(CancellationToken.None));
    }

    [MotoFact]
    public async Task Put_DigestObject_IsUnderComplianceRetention()
    {
        using var store = await StoreAsync("digests-locked");
        await store.TryAddAsync(Digest(1, "sealed"), CancellationToken.None);

        using var s3 = MotoLockedBucket.Client(moto);
        // The bucket's default retention, not the store, locks it (the function needs no PutObjectRetention).
        var head = await s3.GetObjectMetadataAsync("digests-locked", S3AuditDigestStore.KeyFor(1));

        Assert.Equal(Amazon.S3.ObjectLockMode.Compliance, head.ObjectLockMode);
        Assert.True(head.ObjectLockRetainUntilDate > DateTime.UtcNow);
    }

    [MotoFact]
    public async Task List_NoSuchBucket_ThrowsNotFoundNamingTheBucket()
    {
        await moto.ResetAsync();
        using var store = new S3AuditDigestStore(MotoLockedBucket.Client(moto), "no-such-digests", ownsClient: true);

        var error = await Assert.ThrowsAsync<ServiceException>(() => store.LatestAsync(CancellationToken.None));

        Assert.Equal((FailureKind.NotFound, "S3"), (error.Kind, error.Service));
        Assert.Contains("'no-such-digests'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audit-digests", null)]
    [InlineData("a.b-c", null)]
    [InlineData("Audit", "lower-case")]
    [InlineData("ab", "3-63")]
    [InlineData("a..b", "two dots")]
    [InlineData("192.168.1.1", "IP address")]
    [InlineData("xn--abc", "xn--")]
    [InlineData("bucket-s3alias", "-s3alias")]
    [InlineData(" ", "empty")]
    public void BucketName_Rule_NamesFieldAndValue(string name, string? problem)
    {
        var text = AuditDigestBucket.Problem("--audit-digest-bucket", name);

        if (problem is null) Assert.Null(text);
        else Assert.Contains(problem, text!, StringComparison.Ordinal);
        if (problem is not null && !string.IsNullOrWhiteSpace(name)) Assert.Contains($"'{name}'", text!, StringComparison.Ordinal);
    }
}
