namespace KeyRotation.Core.Facts;

/// <summary>One IAM user as discovered: name, tags, every access key, and the IAM path (default <c>/</c>).</summary>
public sealed record UserFacts(
    string UserName,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<AccessKeyFacts> AccessKeys,
    string Path = "/");
