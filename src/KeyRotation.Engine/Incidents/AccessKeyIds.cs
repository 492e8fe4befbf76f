namespace KeyRotation.Engine.Incidents;

/// <summary>What an IAM user access key id looks like: AKIA and upper-case letters or digits, 16 to 128 characters.</summary>
internal static class AccessKeyIds
{
    private const string UserKeyPrefix = "AKIA";
    private const string TemporaryKeyPrefix = "ASIA";

    /// <returns>Null when the id can name an IAM user key; otherwise why not.</returns>
    public static string? Problem(string? accessKeyId)
    {
        if (string.IsNullOrWhiteSpace(accessKeyId))
        {
            return "the access key id is empty";
        }

        if (accessKeyId.StartsWith(TemporaryKeyPrefix, StringComparison.Ordinal))
        {
            return $"access key id '{accessKeyId}' is temporary (ASIA...): it belongs to a role session, which this tool " +
                "cannot revoke; revoke the role's sessions instead";
        }

        var wellFormed = accessKeyId.Length is >= 16 and <= 128
            && accessKeyId.StartsWith(UserKeyPrefix, StringComparison.Ordinal)
            && accessKeyId.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));
        return wellFormed ? null : $"access key id '{accessKeyId}' is not an IAM user access key id (AKIA and 12 to 124 upper-case letters or digits)";
    }
}
