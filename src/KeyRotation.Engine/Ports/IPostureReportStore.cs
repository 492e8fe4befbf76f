namespace KeyRotation.Engine.Ports;

/// <summary>
/// Where posture reports are kept (an S3 bucket in AWS). Write-only: a report is put under its key and read by
/// people and tools outside this one. A key written again is replaced.
/// </summary>
public interface IPostureReportStore
{
    /// <summary>Writes <paramref name="content"/> at <paramref name="key"/> with the given MIME type.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);
}
