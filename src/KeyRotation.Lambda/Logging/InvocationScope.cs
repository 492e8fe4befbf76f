using System.Collections;

namespace KeyRotation.Lambda.Logging;

/// <summary>The logging scope of one invocation: its request id and trace id, as named JSON fields.</summary>
internal sealed class InvocationScope(string requestId, string? traceId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("requestId", requestId),
        1 => new("traceId", traceId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"request {requestId}";
}
