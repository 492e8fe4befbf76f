namespace KeyRotation.Core.Policy;

internal static class PolicyValidation
{
    public static IReadOnlyList<string> Problems(RotationPolicy p)
    {
        var problems = new List<string>();
        if (p.RotateAfterDays < 1)
        {
            problems.Add($"RotateAfterDays must be at least 1 (got {p.RotateAfterDays})");
        }

        if (p.RotateAfterDays >= p.DeactivateAfterDays)
        {
            problems.Add($"RotateAfterDays ({p.RotateAfterDays}) must be less than DeactivateAfterDays ({p.DeactivateAfterDays})");
        }

        if (p.DeactivateAfterDays >= p.DeleteAfterDays)
        {
            problems.Add($"DeactivateAfterDays ({p.DeactivateAfterDays}) must be less than DeleteAfterDays ({p.DeleteAfterDays})");
        }

        if (p.IdleDays < 0)
        {
            problems.Add($"IdleDays must be 0 or more (got {p.IdleDays})");
        }

        if (p.RecoveryDays is < 0)
        {
            problems.Add($"RecoveryDays must be 0 or more (got {p.RecoveryDays})");
        }

        if (p.ForceDeactivateAfterDays is { } force && force < p.DeactivateAfterDays)
        {
            problems.Add($"ForceDeactivateAfterDays ({force}) must be at least DeactivateAfterDays ({p.DeactivateAfterDays})");
        }

        if (!Enum.IsDefined(p.SecretDelivery))
        {
            problems.Add($"SecretDelivery has an unknown value ({(int)p.SecretDelivery})");
        }

        return problems;
    }
}
