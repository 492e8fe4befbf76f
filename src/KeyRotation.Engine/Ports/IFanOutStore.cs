namespace KeyRotation.Engine.Ports;

/// <summary>
/// Where a fanned-out run keeps what Step Functions' execution state cannot hold (256 KiB): the run start's list of
/// items, which the Distributed Map reads, and the map's results, which Step Functions writes there. An S3 bucket in
/// AWS. A missing or unreadable object is a <see cref="ServiceException"/> whose message names the bucket and key.
/// </summary>
public interface IFanOutStore
{
    /// <summary>The bucket, as answers and messages name it.</summary>
    string Bucket { get; }

    /// <summary>Writes <paramref name="content"/> (JSON) at <paramref name="key"/>, replacing what is there.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken);
}
