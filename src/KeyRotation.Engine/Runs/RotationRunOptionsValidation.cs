using KeyRotation.Core.Policy;

namespace KeyRotation.Engine.Runs;

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
        if (PlaintextProblem(options.Policy.SecretDelivery, options.PlaintextSubscribers) is { } plaintext)
        {
            problems.Add(plaintext);
        }

        ManagedScope.Parse(options.Scope.UserPath, options.Scope.RequiredTagKey is { } key ? $"{key}={options.Scope.RequiredTagValue}" : null,
            out var scopeProblems);
        problems.AddRange(scopeProblems);
        return problems;
    }

    /// <summary>How problems name the subscribers.</summary>
    public const string PlaintextSubscribersField = "PlaintextSubscribers";

    /// <summary>Plaintext delivery puts every new secret on the topic: it needs the named readers the topic admits.</summary>
    /// <returns>The problem, naming <see cref="PlaintextSubscribersField"/>, or null.</returns>
    public static string? PlaintextProblem(SecretDelivery delivery, IReadOnlyList<string> subscribers)
    {
        if (subscribers.FirstOrDefault(s => string.IsNullOrWhiteSpace(s) || s.Trim() != s) is { } bad)
        {
            return $"{PlaintextSubscribersField} has an empty or padded entry '{bad}'";
        }

        return delivery == SecretDelivery.Notification && subscribers.Count == 0
            ? $"{PlaintextSubscribersField} must name who may subscribe to the topic when SecretDelivery is notification " +
              "(every new secret travels in its messages)"
            : null;
    }
}
