namespace KeyRotation.Engine.Resilience;

/// <summary>
/// Operation keys the decorators run under: the real API's name where a port method is one call, and the same
/// names the simulated ports report (SimulatedOperations), so logs and fault rules read alike.
/// </summary>
internal static class Operations
{
    public const string ListRoots = "ListRoots";
    public const string ListOrganizationalUnitsForParent = "ListOrganizationalUnitsForParent";
    public const string ListAccountsForParent = "ListAccountsForParent";
    public const string ListTagsForResource = "ListTagsForResource";
    public const string ListParents = "ListParents";
    public const string DescribeAccount = "DescribeAccount";
    public const string AssumeRole = "AssumeRole";
    public const string DiscoverUsers = "ListUsers";
    public const string ReadUser = "GetUser";
    public const string CreateAccessKey = "CreateAccessKey";
    public const string UpdateAccessKey = "UpdateAccessKey";
    public const string DeleteAccessKey = "DeleteAccessKey";
    public const string StoreAccessKey = "PutSecretValue";
    public const string DescribeSecret = "DescribeSecret";
    public const string Publish = "Publish";
    public const string EnsureWritable = "EnsureWritable";
    public const string Append = "AppendEvents";
    public const string LastDeactivations = "LastDeactivations";
    public const string Query = "QueryEvents";
    public const string Unresolved = "UnresolvedIntents";
    public const string GetAccessKeyInfo = "GetAccessKeyInfo";
    public const string GetAccessKeyLastUsed = "GetAccessKeyLastUsed";

    /// <summary>Calls a given-up account still lets through, because roll-back needs them.</summary>
    public static bool RunsAfterGivingUp(string operation) => operation is UpdateAccessKey or DeleteAccessKey;
}
