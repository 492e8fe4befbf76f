namespace KeyRotation.Core.Facts;

public sealed record OrganizationalUnitFacts(
    string Id,
    string Name,
    IReadOnlyDictionary<string, string> Tags);
