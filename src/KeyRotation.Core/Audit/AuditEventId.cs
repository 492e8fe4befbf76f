using System.Security.Cryptography;
using System.Text;

namespace KeyRotation.Core.Audit;

/// <summary>
/// Deterministic event ids: the same run, account, user, key, action, reason and sequence always hash to the
/// same id, so the store's attribute_not_exists condition turns a retried write into a no-op.
/// </summary>
public static class AuditEventId
{
    public static string For(
        string runId, string accountId, string? userName, string? accessKeyId, string action, string? reason, int sequence)
    {
        var text = string.Join('\u001f', runId, accountId, userName ?? "", accessKeyId ?? "", action, reason ?? "",
            sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
