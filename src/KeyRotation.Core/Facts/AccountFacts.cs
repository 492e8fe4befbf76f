namespace KeyRotation.Core.Facts;

/// <summary>One member account as the organization directory reports it.</summary>
/// <param name="OrganizationalUnits">The OUs above the account, outermost first (the root is not listed).</param>
public sealed record AccountFacts(
    string AccountId,
    string Name,
    AccountState State,
    IReadOnlyList<OrganizationalUnitFacts> OrganizationalUnits,
    IReadOnlyDictionary<string, string> Tags);
