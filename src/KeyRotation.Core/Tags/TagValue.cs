namespace KeyRotation.Core.Tags;

/// <summary>How the tool reads flag-like tag values.</summary>
internal static class TagValue
{
    /// <summary>True only for <c>true</c>, any case, surrounding blanks ignored.</summary>
    public static bool IsTrue(string? value) =>
        value is not null && value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);

    public static bool IsTrue(IReadOnlyDictionary<string, string> tags, string key) =>
        tags.TryGetValue(key, out var value) && IsTrue(value);
}
