using KeyRotation.Engine.Ports;

namespace KeyRotation.Simulation.Ports;

/// <summary>The fan-out bucket in memory: each key's last content; a missing key fails as S3's NoSuchKey does.</summary>
public sealed class InMemoryFanOutStore(string bucket = "fan-out-example") : IFanOutStore
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, byte[]> objects = new(StringComparer.Ordinal);

    public string Bucket => bucket;

    public IReadOnlyDictionary<string, byte[]> Objects
    {
        get
        {
            lock (sync) return new Dictionary<string, byte[]>(objects, StringComparer.Ordinal);
        }
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sync) objects[key] = content.ToArray();
        return Task.CompletedTask;
    }

    public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sync)
        {
            return objects.TryGetValue(key, out var content)
                ? Task.FromResult(content.ToArray())
                : throw new ServiceException("S3", "GetObject", "NoSuchKey", FailureKind.NotFound, 404,
                    detail: $"fan-out bucket '{bucket}', object '{key}': The specified key does not exist.");
        }
    }
}
