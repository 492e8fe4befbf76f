namespace KeyRotation.Engine.Posture;

/// <summary>The counts of one account, one OU (everything below it) or the whole organization.</summary>
/// <param name="Users">IAM users surveyed inside the managed scope (every other figure counts only these).</param>
/// <param name="Keys">Access keys, Active and Inactive.</param>
/// <param name="NeverUsedKeys">Active keys with no recorded use.</param>
/// <param name="ExemptUsers">Users exempt by tag now (an expired exemption does not count).</param>
/// <param name="BlockedByKeyLimit">Users due for rotation who hold two keys and none can be freed.</param>
/// <param name="ActiveWithinNinetyDays">Active keys younger than 90 days (CIS 1.14, Security Hub IAM.3).</param>
/// <param name="ActiveWithinPolicy">Active keys younger than their user's effective deactivate age.</param>
public sealed record PostureFigures(
    int Users,
    int Keys,
    int ActiveKeys,
    int InactiveKeys,
    AgeBandCounts ActiveByAge,
    int NeverUsedKeys,
    int ExemptUsers,
    int BlockedByKeyLimit,
    int ActiveWithinNinetyDays,
    int ActiveWithinPolicy)
{
    /// <summary>Users due for rotation whose secret name is held by a secret this tool did not create.</summary>
    public int BlockedBySecretNameTaken { get; init; }

    /// <summary>Users discovered outside the managed scope (path or tag): counted, not judged, and in no other figure.</summary>
    public int UsersOutsideManagedScope { get; init; }

    /// <summary>ActiveWithinNinetyDays / ActiveKeys, rounded to 4 places; null when there is no Active key.</summary>
    public double? WithinNinetyDaysShare => Share(ActiveWithinNinetyDays);

    /// <summary>ActiveWithinPolicy / ActiveKeys, rounded to 4 places; null when there is no Active key.</summary>
    public double? WithinPolicyShare => Share(ActiveWithinPolicy);

    private double? Share(int part) => ActiveKeys == 0 ? null : Math.Round((double)part / ActiveKeys, 4);
}

/// <summary>Active keys per <see cref="AgeBand"/>; they add up to the Active keys.</summary>
public sealed record AgeBandCounts(int UnderNinetyDays, int NinetyDaysToRotate, int RotateToDeactivate, int PastDeactivate);
