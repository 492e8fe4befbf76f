namespace KeyRotation.Engine.Posture;

/// <summary>
/// Where an Active key's age falls against the 90 days of CIS 1.14 and the user's effective policy. The bands do not
/// overlap: the first that applies wins, so a policy rotating before 90 days moves keys out of the first band early.
/// </summary>
public enum AgeBand
{
    /// <summary>Younger than 90 days and younger than the rotate age.</summary>
    UnderNinetyDays,

    /// <summary>90 days or older, younger than the rotate age.</summary>
    NinetyDaysToRotate,

    /// <summary>At or past the rotate age, younger than the deactivate age: a new key is due.</summary>
    RotateToDeactivate,

    /// <summary>At or past the deactivate age: the policy wants this key deactivated.</summary>
    PastDeactivate,
}
