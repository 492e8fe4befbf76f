namespace KeyRotation.Engine.Runs;

/// <summary>What IAM accepts as a user path and a tag, so a scope IAM could never match fails at start-up.</summary>
internal static class ManagedScopeRules
{
    private const int MaxPathLength = 512;
    private const int MaxTagKeyLength = 128;
    private const int MaxTagValueLength = 256;

    /// <returns>Why the path is unusable, or null.</returns>
    public static string? PathProblem(string path)
    {
        if (path.Length > MaxPathLength) return $"is longer than {MaxPathLength} characters";
        if (!path.StartsWith('/') || !path.EndsWith('/')) return "must start and end with '/' (e.g. /engineering/)";
        if (path.Contains("//", StringComparison.Ordinal)) return "has an empty segment ('//')";
        foreach (var c in path)
        {
            if (c is < '\x21' or > '\x7E') return "may contain only printable ASCII characters without spaces";
        }

        return null;
    }

    /// <returns>Why the tag is unusable, or null.</returns>
    public static string? TagProblem(string key, string? value)
    {
        if (value is null) return "must be key=value (e.g. managed=true)";
        if (key.Length is 0 or > MaxTagKeyLength) return $"needs a tag key of 1 to {MaxTagKeyLength} characters before '='";
        if (value.Length > MaxTagValueLength) return $"has a tag value longer than {MaxTagValueLength} characters";
        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)) return "names a tag key starting with 'aws:', which is reserved";
        return (key + value).All(IsTagCharacter) ? null : "may contain only letters, digits, spaces and _ . : / = + - @";
    }

    private static bool IsTagCharacter(char c) =>
        char.IsLetterOrDigit(c) || c is ' ' or '_' or '.' or ':' or '/' or '=' or '+' or '-' or '@';
}
