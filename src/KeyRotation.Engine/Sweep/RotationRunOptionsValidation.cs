namespace KeyRotation.Engine.Sweep;

internal static class RotationRunOptionsValidation
{
    public static IReadOnlyList<string> Problems(RotationRunOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RunId))
        {
            problems.Add("RunId must not be empty");
        }

        if (options.MaxAccountsInFlight < 1)
        {
            problems.Add($"MaxAccountsInFlight must be at least 1 (got {options.MaxAccountsInFlight})");
        }

        if (options.MaxUsersInFlight < 1)
        {
            problems.Add($"MaxUsersInFlight must be at least 1 (got {options.MaxUsersInFlight})");
        }

        if (options.MinimumTimePerAccount < TimeSpan.Zero)
        {
            problems.Add($"MinimumTimePerAccount must not be negative (got {options.MinimumTimePerAccount})");
        }

        if (options.ReconciliationWindow <= TimeSpan.Zero)
        {
            problems.Add($"ReconciliationWindow must be positive (got {options.ReconciliationWindow})");
        }

        if (string.IsNullOrWhiteSpace(options.Actor))
        {
            problems.Add("Actor must not be empty");
        }

        if (string.IsNullOrWhiteSpace(options.ManagementAccountId))
        {
            problems.Add("ManagementAccountId must not be empty");
        }

        problems.AddRange(options.Policy.Validate().Select(p => "Policy: " + p));
        return problems;
    }
}
