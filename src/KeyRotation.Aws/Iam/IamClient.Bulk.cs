using System.Globalization;
using System.Text;
using System.Xml.Linq;
using KeyRotation.Aws.Protocol;

namespace KeyRotation.Aws.Iam;

/// <summary>A user as GetAccountAuthorizationDetails describes it: name, path, ARN and tags.</summary>
internal sealed record IamUserDetail(string UserName, string Path, string Arn, IReadOnlyDictionary<string, string> Tags);

/// <summary>The credential report as GetCredentialReport returns it: the CSV text and when IAM generated it.</summary>
internal sealed record IamCredentialReport(string Csv, DateTimeOffset? GeneratedAt);

internal sealed partial class IamClient
{
    /// <summary>GenerateCredentialReport's answer when a report younger than four hours exists.</summary>
    public const string ReportComplete = "COMPLETE";

    /// <summary>GetAccountAuthorizationDetails' largest page.</summary>
    public const int AuthorizationDetailsPageSize = 1000;

    /// <summary>Every user with its tags, in a few account-wide calls (<c>Filter.member.1=User</c>, every page).</summary>
    public Task<IReadOnlyList<IamUserDetail>> ListUsersWithTagsAsync(CancellationToken cancellationToken) =>
        AllPagesAsync("GetAccountAuthorizationDetails", new QueryParameters()
                .Add("Filter.member.1", "User")
                .Add("MaxItems", AuthorizationDetailsPageSize.ToString(CultureInfo.InvariantCulture)),
            result => result.Members("UserDetailList").Select(ReadUserDetail), cancellationToken);

    /// <summary>STARTED, INPROGRESS or COMPLETE; IAM reuses a report younger than four hours.</summary>
    /// <exception cref="Engine.Ports.ServiceException">LimitExceeded when too many reports are being generated.</exception>
    public async Task<string> GenerateCredentialReportAsync(CancellationToken cancellationToken)
    {
        var result = await query.SendAsync("GenerateCredentialReport", new QueryParameters(), cancellationToken).ConfigureAwait(false);
        return Read("GenerateCredentialReport", () => result.Required("State"));
    }

    /// <summary>The current report, its base64 content decoded.</summary>
    /// <exception cref="Engine.Ports.ServiceException">ReportNotPresent or ReportExpired (410), ReportInProgress (404).</exception>
    public async Task<IamCredentialReport> GetCredentialReportAsync(CancellationToken cancellationToken)
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
            return new IamCredentialReport(csv, generated is null ? null : Parse(generated));
        });
    }

    private static IamUserDetail ReadUserDetail(XElement user)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in user.Members("Tags")) tags[tag.Required("Key")] = tag.Text("Value") ?? "";
        return new IamUserDetail(user.Required("UserName"), user.Text("Path") ?? "/", user.Required("Arn"), tags);
    }
}
