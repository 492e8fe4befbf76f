using System.Collections.Concurrent;

namespace KeyRotation.Aws.Iam;

/// <summary>
/// User ARNs (with their IAM path) seen during discovery in one account, so the secret store can name the owner in a
/// resource policy without another IAM call. Shared by one account session's identity and secret stores.
/// </summary>
internal sealed class IamUserArns
{
    private readonly ConcurrentDictionary<string, string> arns = new(StringComparer.Ordinal);

    public void Remember(IamUser user) => arns[user.UserName] = user.Arn;

    public string? Find(string userName) => arns.TryGetValue(userName, out var arn) ? arn : null;
}
