using System.Globalization;
using System.Text;
using System.Xml.Linq;
using KeyRotation.Aws.Permissions;
using KeyRotation.Aws.Protocol;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Ports.Iam;

namespace KeyRotation.Aws.Iam;

/// <summary>
/// The IAM operations the tool uses (awsQuery), called as the assumed member role: one request each, listings one
/// page (Marker / IsTruncated), errors mapped by the protocol client. Paging and discovery are the engine's.
/// </summary>
[ActsAs(AwsPrincipal.Member)]
internal sealed class IamClient(QueryClient query) : IIamOperations
{
    public const string ApiVersion = "2010-05-08";

    /// <summary>IAM's largest ListUsers page; fewer round trips for big accounts.</summary>
    public const int UsersPageSize = 1000;

    /// <summary>GetAccountAuthorizationDetails' largest page.</summary>
    public const int AuthorizationDetailsPageSize = 1000;

    private const string Service = "IAM";

    [RequiresPermission("iam:ListUsers")]
    public Task<Page<IamUser>> ListUsersAsync(string? marker, CancellationToken cancellationToken) =>
        PageAsync("ListUsers", new QueryParameters().Add("MaxItems", UsersPageSize.ToString(CultureInfo.InvariantCulture)), marker,
            result => result.Members("Users").Select(ReadUser), cancellationToken);

    /// <summary>The user with its tags; NotFound (NoSuchEntity) when there is none.</summary>
    [RequiresPermission("iam:GetUser")]
    public async Task<IamUser> GetUserAsync(string userName, CancellationToken cancellationToken)
    {
        var result = await query.SendAsync("GetUser", new QueryParameters().Add("UserName", userName), cancellationToken)
            .ConfigureAwait(false);
        return Read("GetUser", () =>
        {
            var user = result.Element("User") ?? throw new FormatException("no User element");
            return ReadUser(user) with { Tags = ReadTags(user) };
        });
    }

    [RequiresPermission("iam:ListUserTags")]
    public Task<Page<KeyValuePair<string, string>>> ListUserTagsAsync(string userName, string? marker, CancellationToken cancellationToken) =>
        PageAsync("ListUserTags", new QueryParameters().Add("UserName", userName), marker,
            result => result.Members("Tags").Select(t => KeyValuePair.Create(t.Required("Key"), t.Text("Value") ?? "")), cancellationToken);

    [RequiresPermission("iam:ListAccessKeys")]
    public Task<Page<IamAccessKey>> ListAccessKeysAsync(string userName, string? marker, CancellationToken cancellationToken) =>
        PageAsync("ListAccessKeys", new QueryParameters().Add("UserName", userName), marker,
            result => result.Members("AccessKeyMetadata").Select(ReadKey), cancellationToken);

    /// <summary>The key's user and last use (null when never: IAM leaves LastUsedDate out).</summary>
    [RequiresPermission("iam:GetAccessKeyLastUsed")]
    public async Task<AccessKeyLastUse> GetAccessKeyLastUsedAsync(string accessKeyId, CancellationToken cancellationToken)
    {
        var result = await query.SendAsync("GetAccessKeyLastUsed", new QueryParameters().Add("AccessKeyId", accessKeyId),
            cancellationToken).ConfigureAwait(false);
        return Read("GetAccessKeyLastUsed", () =>
        {
            var date = result.Element("AccessKeyLastUsed")?.Text("LastUsedDate");
            return new AccessKeyLastUse(result.Text("UserName") ?? "", date is null ? null : Parse(date));
        });
    }

    /// <summary>STARTED, INPROGRESS or COMPLETE; IAM reuses a report younger than four hours.</summary>
    /// <exception cref="ServiceException">LimitExceeded when too many reports are being generated.</exception>
    [RequiresPermission("iam:GenerateCredentialReport")]
    public async Task<CredentialReportState> GenerateCredentialReportAsync(CancellationToken cancellationToken)
    {
        var result = await query.SendAsync("GenerateCredentialReport", new QueryParameters(), cancellationToken).ConfigureAwait(false);
        return Read("GenerateCredentialReport", () => result.Required("State") switch
        {
            "STARTED" => CredentialReportState.Started,
            "INPROGRESS" => CredentialReportState.InProgress,
            "COMPLETE" => CredentialReportState.Complete,
            var other => throw new FormatException($"unknown report state '{other}'"),
        });
    }

    /// <summary>The current report, its base64 content decoded.</summary>
    /// <exception cref="ServiceException">ReportNotPresent or ReportExpired (410), ReportInProgress (404).</exception>
    [RequiresPermission("iam:GetCredentialReport")]
    public async Task<CredentialReportDocument> GetCredentialReportAsync(CancellationToken cancellationToken)
    {
        var result = await query.SendAsync("GetCredentialReport", new QueryParameters(), cancellationToken).ConfigureAwait(false);
        return Read("GetCredentialReport", () =>
        {
            if (result.Text("ReportFormat") is { } format && format != "text/csv")
            {
                throw new FormatException($"ReportFormat '{format}' is not text/csv");
            }

            var csv = Encoding.UTF8.GetString(Convert.FromBase64String(result.Required("Content")));
            var generated = result.Text("GeneratedTime");
            return new CredentialReportDocument(csv, generated is null ? null : Parse(generated));
        });
    }

    /// <summary>One page of users with their tags (<c>Filter.member.1=User</c>).</summary>
    [RequiresPermission("iam:GetAccountAuthorizationDetails")]
    public Task<Page<IamUserDetail>> GetAccountAuthorizationDetailsAsync(string? marker, CancellationToken cancellationToken) =>
        PageAsync("GetAccountAuthorizationDetails", new QueryParameters()
                .Add("Filter.member.1", "User")
                .Add("MaxItems", AuthorizationDetailsPageSize.ToString(CultureInfo.InvariantCulture)), marker,
            result => result.Members("UserDetailList").Select(ReadUserDetail), cancellationToken);

    /// <exception cref="ServiceException">LimitExceeded (HTTP 409) when the user already has two keys.</exception>
    [RequiresPermission("iam:CreateAccessKey")]
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

    [RequiresPermission("iam:UpdateAccessKey")]
    public Task UpdateAccessKeyAsync(string userName, string accessKeyId, AccessKeyStatus status, CancellationToken cancellationToken) =>
        query.SendAsync("UpdateAccessKey", new QueryParameters()
            .Add("UserName", userName)
            .Add("AccessKeyId", accessKeyId)
            .Add("Status", status == AccessKeyStatus.Active ? "Active" : "Inactive"), cancellationToken);

    [RequiresPermission("iam:DeleteAccessKey")]
    public Task DeleteAccessKeyAsync(string userName, string accessKeyId, CancellationToken cancellationToken) =>
        query.SendAsync("DeleteAccessKey", new QueryParameters().Add("UserName", userName).Add("AccessKeyId", accessKeyId),
            cancellationToken);

    private async Task<Page<T>> PageAsync<T>(
        string action, QueryParameters parameters, string? marker, Func<XElement, IEnumerable<T>> read, CancellationToken cancellationToken)
    {
        parameters.Add("Marker", marker);
        var result = await query.SendAsync(action, parameters, cancellationToken).ConfigureAwait(false);
        var items = Read(action, () => read(result).ToList());
        if (!string.Equals(result.Text("IsTruncated"), "true", StringComparison.OrdinalIgnoreCase)) return new Page<T>(items, null);
        var next = result.Text("Marker") ?? throw new ServiceException(Service, action, "MalformedResponse",
            FailureKind.Final, detail: "IsTruncated without a Marker");
        return new Page<T>(items, next);
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

    private static IamUser ReadUser(XElement user) => new(user.Required("UserName"), user.Text("Path") ?? "/", user.Required("Arn"));

    private static Dictionary<string, string> ReadTags(XElement user)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in user.Members("Tags")) tags[tag.Required("Key")] = tag.Text("Value") ?? "";
        return tags;
    }

    private static IamUserDetail ReadUserDetail(XElement user) =>
        new(user.Required("UserName"), user.Text("Path") ?? "/", user.Required("Arn"), ReadTags(user));

    private static IamAccessKey ReadKey(XElement key) => new(
        key.Required("AccessKeyId"),
        key.Required("Status") == "Active" ? AccessKeyStatus.Active : AccessKeyStatus.Inactive,
        Parse(key.Required("CreateDate")));

    private static DateTimeOffset Parse(string timestamp) =>
        DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
