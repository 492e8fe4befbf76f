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

    /// <summary>The IAM path in a user ARN (<c>arn:aws:iam::1:user/eng/bob</c> is under <c>/eng/</c>); <c>/</c> when it has none.</summary>
    public static string PathOf(string userArn)
    {
        var resource = userArn.IndexOf(":user/", StringComparison.Ordinal);
        if (resource < 0) return "/";
        var afterType = userArn[(resource + ":user".Length)..];
        return afterType[..(afterType.LastIndexOf('/') + 1)];
    }
}
