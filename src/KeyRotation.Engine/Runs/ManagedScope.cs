using KeyRotation.Core.Facts;

namespace KeyRotation.Engine.Runs;

/// <summary>
/// The users a deployment manages: those under an IAM path and, when one is named, carrying a tag with a given value.
/// The member role's policy enforces the same scope in IAM; the engine leaves everyone else out before planning, so
/// they are never planned or touched, only counted. Default: every user.
/// </summary>
public sealed record ManagedScope
{
    /// <summary>Every user, as without a scope.</summary>
    public static ManagedScope Everyone { get; } = new();

    /// <summary>IAM path prefix of managed users (a user under <c>/a/b/</c> is under <c>/a/</c>). Default <c>/</c>.</summary>
    public string UserPath { get; init; } = "/";

    /// <summary>Tag key a managed user must carry; null requires no tag. Tag keys compare case-insensitively, as in IAM.</summary>
    public string? RequiredTagKey { get; init; }

    /// <summary>The value <see cref="RequiredTagKey"/> must have (exactly).</summary>
    public string RequiredTagValue { get; init; } = "";

    public bool IsEveryone => UserPath == "/" && RequiredTagKey is null;

    public bool Contains(UserFacts user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Path.StartsWith(UserPath, StringComparison.Ordinal)) return false;
        if (RequiredTagKey is null) return true;
        foreach (var (key, value) in user.Tags)
        {
            if (string.Equals(key, RequiredTagKey, StringComparison.OrdinalIgnoreCase)) return value == RequiredTagValue;
        }

        return false;
    }

    /// <summary>
    /// Reads a scope as hosts take it: a path (null or empty for <c>/</c>) and a tag as <c>key=value</c> (null or empty
    /// for none; the key ends at the first '='). Problems name <see cref="UserPathField"/> or <see cref="UserTagField"/>
    /// and the value, so each host can say which of its flags or variables was wrong.
    /// </summary>
    public static ManagedScope Parse(string? userPath, string? userTag, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var scope = Everyone;
        if (!string.IsNullOrEmpty(userPath))
        {
            if (ManagedScopeRules.PathProblem(userPath) is { } problem) found.Add($"{UserPathField} '{userPath}' {problem}");
            else scope = scope with { UserPath = userPath };
        }

        if (!string.IsNullOrEmpty(userTag))
        {
            var equals = userTag.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = equals < 0 ? (userTag, (string?)null) : (userTag[..equals], userTag[(equals + 1)..]);
            if (ManagedScopeRules.TagProblem(key, value) is { } problem) found.Add($"{UserTagField} '{userTag}' {problem}");
            else scope = scope with { RequiredTagKey = key, RequiredTagValue = value! };
        }

        problems = found;
        return scope;
    }

    /// <summary>How problems name the path.</summary>
    public const string UserPathField = "ManagedUserPath";

    /// <summary>How problems name the tag.</summary>
    public const string UserTagField = "ManagedUserTag";

    public override string ToString() =>
        RequiredTagKey is null ? $"users under {UserPath}" : $"users under {UserPath} tagged {RequiredTagKey}={RequiredTagValue}";
}
