using System.Globalization;
using System.Xml.Linq;
using KeyRotation.Aws.Protocol;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Iam;

internal sealed record IamUser(string UserName, string Arn);

internal sealed record IamAccessKey(string AccessKeyId, AccessKeyStatus Status, DateTimeOffset CreatedAt);

/// <summary>The IAM operations the tool uses (awsQuery), every page followed (Marker / IsTruncated); bulk discovery's in IamClient.Bulk.cs.</summary>
internal sealed partial class IamClient(QueryClient query)
{
    public const string ApiVersion = "2010-05-08";

    /// <summary>IAM's largest ListUsers page; fewer round trips for big accounts.</summary>
    public const int UsersPageSize = 1000;

    private const string Service = "IAM";

    public Task<IReadOnlyList<IamUser>> ListUsersAsync(CancellationToken cancellationToken) =>
        AllPagesAsync("ListUsers", new QueryParameters().Add("MaxItems", UsersPageSize.ToString(CultureInfo.InvariantCulture)),
            result => result.Members("Users").Select(u => new IamUser(u.Required("UserName"), u.Required("Arn"))), cancellationToken);

    public Task<IReadOnlyList<IamAccessKey>> ListAccessKeysAsync(string userName, CancellationToken cancellationToken) =>
        AllPagesAsync("ListAccessKeys", new QueryParameters().Add("UserName", userName),
            result => result.Members("AccessKeyMetadata").Select(ReadKey), cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> ListUserTagsAsync(string userName, CancellationToken cancellationToken)
    {
        var tags = await AllPagesAsync("ListUserTags", new QueryParameters().Add("UserName", userName),
            result => result.Members("Tags").Select(t => KeyValuePair.Create(t.Required("Key"), t.Text("Value") ?? "")),
            cancellationToken).ConfigureAwait(false);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags) map[key] = value;
        return map;
    }

    /// <summary>When the key was last used; null when never (IAM leaves LastUsedDate out).</summary>
    public async Task<DateTimeOffset?> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var result = await query.SendAsync("GetAccessKeyLastUsed", new QueryParameters().Add("AccessKeyId", accessKeyId),
            cancellationToken).ConfigureAwait(false);
        var date = result.Element("AccessKeyLastUsed")?.Text("LastUsedDate");
        return date is null ? null : Read("GetAccessKeyLastUsed", () => Parse(date));
    }

    /// <summary>The user the key belongs to (GetAccessKeyLastUsed's UserName); null when IAM names none.</summary>
    public async Task<string?> GetAccessKeyOwnerAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var result = await query.SendAsync("GetAccessKeyLastUsed", new QueryParameters().Add("AccessKeyId", accessKeyId),
            cancellationToken).ConfigureAwait(false);
        return result.Text("UserName") is { Length: > 0 } user ? user : null;
    }

    /// <exception cref="ServiceException">LimitExceeded (HTTP 409) when the user already has two keys.</exception>
    public async Task<NewAccessKey> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken)
    {
        var result = await query.SendAsync("CreateAccessKey", new QueryParameters().Add("UserName", userName),
            cancellationToken).ConfigureAwait(false);
        return Read("CreateAccessKey", () =>
        {
            var key = result.Element("AccessKey") ?? throw new FormatException("no AccessKey element");
            return new NewAccessKey(key.Required("AccessKeyId"), new SecretText(key.Required("SecretAccessKey")),
                Parse(key.Required("CreateDate")));
        });
    }

    public Task UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        query.SendAsync("UpdateAccessKey", new QueryParameters()
            .Add("UserName", userName)
            .Add("AccessKeyId", accessKeyId)
            .Add("Status", status == AccessKeyStatus.Active ? "Active" : "Inactive"), cancellationToken);

    public Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken) =>
        query.SendAsync("DeleteAccessKey", new QueryParameters().Add("UserName", userName).Add("AccessKeyId", accessKeyId),
            cancellationToken);

    public async Task<string> GetUserArnAsync(string userName, CancellationToken cancellationToken)
    {
        var result = await query.SendAsync("GetUser", new QueryParameters().Add("UserName", userName), cancellationToken)
            .ConfigureAwait(false);
        return Read("GetUser", () => (result.Element("User") ?? throw new FormatException("no User element")).Required("Arn"));
    }

    private async Task<IReadOnlyList<T>> AllPagesAsync<T>(
        string action, QueryParameters first, Func<XElement, IEnumerable<T>> read, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? marker = null;
        while (true)
        {
            var parameters = new QueryParameters();
            foreach (var (name, value) in first.Items) parameters.Add(name, value);
            parameters.Add("Marker", marker);
            var result = await query.SendAsync(action, parameters, cancellationToken).ConfigureAwait(false);
            items.AddRange(Read(action, () => read(result).ToList()));

            if (!string.Equals(result.Text("IsTruncated"), "true", StringComparison.OrdinalIgnoreCase)) return items;
            var next = result.Text("Marker") ?? throw new ServiceException(Service, action, "MalformedResponse",
                FailureKind.Final, detail: "IsTruncated without a Marker");
            Pagination.EnsureProgress(Service, action, marker, next);
            marker = next;
        }
    }

    /// <summary>A response we cannot read is final: the call's effect is unknown, so it is not retried blindly.</summary>
    private static T Read<T>(string action, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FormatException e)
        {
            throw new ServiceException(Service, action, "MalformedResponse", FailureKind.Final, detail: e.Message, inner: e);
        }
    }

    private static IamAccessKey ReadKey(XElement key) => new(
        key.Required("AccessKeyId"),
        key.Required("Status") == "Active" ? AccessKeyStatus.Active : AccessKeyStatus.Inactive,
        Parse(key.Required("CreateDate")));

    private static DateTimeOffset Parse(string timestamp) =>
        DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
