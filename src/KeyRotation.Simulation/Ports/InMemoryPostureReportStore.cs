using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Ports;

/// <summary>The report bucket in memory: each key's last content and content type.</summary>
public sealed class InMemoryPostureReportStore : IPostureReportStore
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, (byte[] Content, string ContentType)> objects = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (byte[] Content, string ContentType)> Objects
    {
        get
        {
            lock (sync) return new Dictionary<string, (byte[], string)>(objects, StringComparer.Ordinal);
        }
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sync) objects[key] = (content.ToArray(), contentType);
        return Task.CompletedTask;
    }
}
