namespace KeyRotation.Engine.Ports;

/// <summary>
/// A user's secret as it stands, without its value: where it is, whether this tool created it (only then may the tool
/// write into it), and the access key id it says it holds (null when it names none).
/// </summary>
public sealed record StoredSecretInfo(string Location, bool CreatedByThisTool, string? AccessKeyId);

/// <summary>Error codes a secret store raises beyond the service's own.</summary>
public static class SecretStoreErrors
{
    /// <summary>
    /// <see cref="ServiceException.Code"/> when a store refuses to write into a secret this tool did not create
    /// (someone else took the name, possibly between a describe and the store).
    /// </summary>
    public const string NameTaken = "SecretNameTaken";
}
