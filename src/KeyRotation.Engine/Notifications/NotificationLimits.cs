using System.Text;

namespace KeyRotation.Engine.Notifications;

/// <summary>
/// Fits a notification into SNS's limits: the subject is printable ASCII under 100 characters (anything else becomes
/// '?', line breaks become spaces), and message plus attributes stay under 256 KiB of UTF-8, the message cut on a
/// character boundary with a marker.
/// </summary>
internal static class NotificationLimits
{
    public const int MaxSubjectLength = 99;
    public const int MaxPayloadBytes = 256 * 1024;
    public const string TruncatedMarker = "\n[message truncated]";

    /// <summary>Room kept for the protocol's own bytes, so the sum stays strictly below the limit.</summary>
    private const int Reserve = 1024;

    /// <summary>The subject SNS accepts; null when nothing printable is left (SNS rejects an empty subject).</summary>
    public static string? Subject(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject)) return null;
        var text = new StringBuilder(Math.Min(subject.Length, MaxSubjectLength));
        foreach (var c in subject.Trim())
        {
            if (text.Length == MaxSubjectLength) break;
            text.Append(c is '\r' or '\n' or '\t' ? ' ' : c is >= ' ' and <= '~' ? c : '?');
        }

        var result = text.ToString().Trim();
        return result.Length == 0 ? null : result;
    }

    /// <summary>The message, cut so that it and the attributes fit into one publish.</summary>
    public static string Message(string message, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var budget = MaxPayloadBytes - Reserve - attributes.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Encoding.UTF8.GetByteCount(a.Value) + "String".Length);
        if (Encoding.UTF8.GetByteCount(message) <= budget) return message;

        var room = budget - Encoding.UTF8.GetByteCount(TruncatedMarker);
        var length = 0;
        var bytes = 0;
        while (length < message.Length)
        {
            // Keep surrogate pairs whole.
            var step = char.IsHighSurrogate(message[length]) && length + 1 < message.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(message.AsSpan(length, step));
            if (bytes + size > room) break;
            bytes += size;
            length += step;
        }

        return message[..length] + TruncatedMarker;
    }
}
