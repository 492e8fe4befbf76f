namespace KeyRotation.Engine.Settings;

/// <summary>The one rule for an AWS account id, wherever one is taken in: exactly 12 ASCII digits.</summary>
public static class AccountIds
{
    /// <summary>What a problem says a value should have been.</summary>
    public const string Expectation = "a 12-digit account id";

    public static bool IsValid(string? accountId) => accountId is { Length: 12 } && accountId.All(char.IsAsciiDigit);
}
