namespace KeyRotation.Engine.Posture;

/// <summary>One key as the report counts it.</summary>
/// <param name="AgeDays">Whole days since creation, as the planner counts them.</param>
/// <param name="Band">For Active keys only; null for Inactive ones.</param>
/// <param name="WithinPolicy">Active and younger than the user's effective deactivate age; false for Inactive keys.</param>
internal sealed record KeyPosture(int AgeDays, bool Active, bool NeverUsed, AgeBand? Band, bool WithinPolicy)
{
    /// <summary>CIS AWS Foundations 1.14 / Security Hub IAM.3: an Active key is rotated within 90 days.</summary>
    public const int CisMaximumAgeDays = 90;

    public bool WithinNinetyDays => Active && AgeDays < CisMaximumAgeDays;
}
