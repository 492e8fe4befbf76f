using System.Text.RegularExpressions;

namespace KeyRotation.Lambda.Events;

internal static partial class AccountIds
{
    public static bool IsValid(string accountId) => Pattern().IsMatch(accountId);

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex Pattern();
}
