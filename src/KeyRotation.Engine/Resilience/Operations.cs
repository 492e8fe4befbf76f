namespace KeyRotation.Engine.Resilience;

/// <summary>Operation keys the decorators run under: the real APIs' names, as in <c>SimulatedCall.Operation</c>.</summary>
internal static class Operations
{
    public const string ListAccounts = "ListAccounts";
    public const string AssumeRole = "AssumeRole";
    public const string DiscoverUsers = "DiscoverUsers";
    public const string ReadUser = "ReadUser";
    public const string CreateAccessKey = "CreateAccessKey";
    public const string UpdateAccessKey = "UpdateAccessKey";
    public const string DeleteAccessKey = "DeleteAccessKey";
    public const string StoreAccessKey = "StoreAccessKey";
    public const string Publish = "Publish";
    public const string EnsureWritable = "EnsureWritable";
    public const string Append = "Append";
    public const string LastDeactivations = "LastDeactivations";
    public const string Query = "Query";
}
