using System.Collections.Concurrent;

namespace KeyRotation.Engine.Discovery;

/// <summary>
/// User ARNs seen while discovering or reading users in one account, so the secret hand-off can name the owner in a
/// resource policy without another IAM call. Shared by one account session's identity store and secret hand-off.
/// </summary>
internal sealed class UserArns
{
    private readonly ConcurrentDictionary<string, string> arns = new(StringComparer.Ordinal);

    public void Remember(string userName, string arn) => arns[userName] = arn;

    public string? Find(string userName) => arns.TryGetValue(userName, out var arn) ? arn : null;
}
