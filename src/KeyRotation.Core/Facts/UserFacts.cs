namespace KeyRotation.Core.Facts;

/// <summary>One IAM user as discovered: name, tags and every access key.</summary>
public sealed record UserFacts(
    string UserName,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<AccessKeyFacts> AccessKeys);
