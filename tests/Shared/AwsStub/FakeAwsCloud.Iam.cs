using System.Globalization;
using System.Xml.Linq;

namespace KeyRotation.Testing.AwsStub;

internal sealed partial class FakeAwsCloud
{
    /// <summary>Every secret access key CreateAccessKey handed out, deleted keys included.</summary>
    public List<string> IssuedSecrets { get; } = [];

    private StubResponse Iam(StubRequest request, FakeAccount account)
    {
        FakeUser? User() => account.Users.FirstOrDefault(u => u.Name == request.Field("UserName"));
        StubResponse NoSuchUser() => QueryError("iam", 404, "NoSuchEntity", $"The user with name {request.Field("UserName")} cannot be found.");
        string UserArn(FakeUser u) => $"arn:{Partition}:iam::{account.Id}:user{u.Path}{u.Name}";

        switch (request.Action)
        {
            case "ListUsers":
                return Paged(request, "ListUsers", account.Users, "Users", u => [
                    new XElement("UserName", u.Name), new XElement("Path", u.Path), new XElement("Arn", UserArn(u)),
                    new XElement("UserId", "AIDA" + u.Name.GetHashCode(StringComparison.Ordinal)), new XElement("CreateDate", "2020-01-01T00:00:00Z")]);
            case "GetUser":
                return User() is { } one
                    ? QueryResult("iam", "GetUser", new XElement("User", new XElement("UserName", one.Name), new XElement("Path", one.Path),
                        new XElement("Arn", UserArn(one)), new XElement("UserId", "AIDA"), new XElement("CreateDate", "2020-01-01T00:00:00Z"),
                        // IAM's GetUser returns the user's tags (the live re-read takes them from here).
                        new XElement("Tags", one.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t =>
                            new XElement("member", new XElement("Key", t.Key), new XElement("Value", t.Value))))))
                    : NoSuchUser();
            case "ListUserTags":
                return User() is { } tagged
                    ? Paged(request, "ListUserTags", tagged.Tags.OrderBy(t => t.Key).ToList(), "Tags", t => [new XElement("Key", t.Key), new XElement("Value", t.Value)])
                    : NoSuchUser();
            case "ListAccessKeys":
                return User() is { } owner
                    ? Paged(request, "ListAccessKeys", owner.Keys, "AccessKeyMetadata", k => [
                        new XElement("UserName", owner.Name), new XElement("AccessKeyId", k.Id), new XElement("Status", k.Status),
                        new XElement("CreateDate", Iso(k.Created))])
                    : NoSuchUser();
            case "GetAccessKeyLastUsed":
                var found = account.Users.SelectMany(u => u.Keys.Select(k => (u, k))).FirstOrDefault(p => p.k.Id == request.Field("AccessKeyId"));
                if (found.k is null) return QueryError("iam", 403, "AccessDenied", "not your key");
                var lastUsed = new XElement("AccessKeyLastUsed", new XElement("ServiceName", "N/A"), new XElement("Region", "N/A"));
                if (found.k.LastUsed is { } used) lastUsed.AddFirst(new XElement("LastUsedDate", Iso(used)));
                return QueryResult("iam", "GetAccessKeyLastUsed", new XElement("UserName", found.u.Name), lastUsed);
            case "CreateAccessKey":
                if (User() is not { } creator) return NoSuchUser();
                if (creator.Keys.Count >= 2)
                {
                    return QueryError("iam", 409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2");
                }

                var key = new FakeKey(NextId("AKIANEW"), "new/secret+" + NextId("S") + "=", "Active", time.GetUtcNow());
                creator.Keys.Add(key);
                IssuedSecrets.Add(key.Secret);
                return QueryResult("iam", "CreateAccessKey", new XElement("AccessKey",
                    new XElement("UserName", creator.Name), new XElement("AccessKeyId", key.Id), new XElement("Status", "Active"),
                    new XElement("SecretAccessKey", key.Secret), new XElement("CreateDate", Iso(key.Created))));
            case "UpdateAccessKey":
                var toUpdate = User()?.Keys.FirstOrDefault(k => k.Id == request.Field("AccessKeyId"));
                if (toUpdate is null) return QueryError("iam", 404, "NoSuchEntity", "The Access Key cannot be found.");
                toUpdate.Status = request.Field("Status")!;
                return QueryResult("iam", "UpdateAccessKey");
            case "DeleteAccessKey":
                var holder = User();
                var toDelete = holder?.Keys.FirstOrDefault(k => k.Id == request.Field("AccessKeyId"));
                if (toDelete is null) return QueryError("iam", 404, "NoSuchEntity", "The Access Key cannot be found.");
                holder!.Keys.Remove(toDelete);
                return QueryResult("iam", "DeleteAccessKey");
            case "GetAccountAuthorizationDetails":
                var filter = request.Form.Where(f => f.Key.StartsWith("Filter.member.", StringComparison.Ordinal)).Select(f => f.Value).ToList();
                return Paged(request, "GetAccountAuthorizationDetails", filter.Count == 0 || filter.Contains("User") ? account.Users : [],
                    "UserDetailList", u => [
                        new XElement("Path", u.Path), new XElement("UserName", u.Name), new XElement("UserId", "AIDA" + u.Name.Length),
                        new XElement("Arn", UserArn(u)), new XElement("CreateDate", "2020-01-01T00:00:00Z"), new XElement("UserPolicyList"),
                        new XElement("GroupList"), new XElement("AttachedManagedPolicies"),
                        Members("Tags", u.Tags.OrderBy(t => t.Key, StringComparer.Ordinal), t => [new XElement("Key", t.Key), new XElement("Value", t.Value)])]);
            case "GenerateCredentialReport":
                return QueryResult("iam", "GenerateCredentialReport", new XElement("State", GenerateReport(account)),
                    new XElement("Description", "No report exists. Starting a new report generation task"));
            case "GetCredentialReport":
                return GetReport(account);
            default:
                return QueryError("iam", 400, "InvalidAction", "unsupported " + request.Action);
        }
    }

    /// <summary>IAM paging: Marker is the index of the next item, IsTruncated says whether one follows.</summary>
    private StubResponse Paged<T>(StubRequest request, string action, IReadOnlyList<T> items, string listName, Func<T, object[]> content)
    {
        var start = request.Field("Marker") is { } marker ? int.Parse(marker, CultureInfo.InvariantCulture) : 0;
        var size = Math.Min(IamPageSize, request.Field("MaxItems") is { } max ? int.Parse(max, CultureInfo.InvariantCulture) : 100);
        var page = items.Skip(start).Take(size).ToList();
        var truncated = start + size < items.Count;
        var result = new List<object> { Members(listName, page, content), new XElement("IsTruncated", truncated ? "true" : "false") };
        if (truncated) result.Add(new XElement("Marker", (start + size).ToString(CultureInfo.InvariantCulture)));
        return QueryResult("iam", action, [.. result]);
    }
    /// <summary>How long IAM takes to generate a credential report. Default zero: ready at the next call.</summary>
    public TimeSpan ReportGenerationTime { get; set; }

    /// <summary>
    /// True (default): an account without a report gets a fresh one of itself the first time it asks, so tests that do
    /// not care about reports never wait. False: the first GenerateCredentialReport starts one.
    /// </summary>
    public bool ReportReadyOnFirstRequest { get; set; } = true;

    /// <summary>Each account's current credential report; set one (<see cref="CaptureCredentialReport"/>) to make it stale later.</summary>
    public Dictionary<string, FakeCredentialReport> CredentialReports { get; } = [];

    /// <summary>Replaces the CSV GetCredentialReport serves, given the real one (damaged reports).</summary>
    public Func<string, string>? ReportContent { get; set; }

    private Dictionary<string, FakeCredentialReport> GeneratingReports { get; } = [];

    /// <summary>Makes the account's report a snapshot of it as it is now, as IAM would after generating one.</summary>
    public void CaptureCredentialReport(string accountId) => CredentialReports[accountId] = Snapshot(Account(accountId));

    /// <summary>IAM's rules: a report younger than four hours is reused; otherwise one is started and is ready after <see cref="ReportGenerationTime"/>.</summary>
    private string GenerateReport(FakeAccount account)
    {
        var now = time.GetUtcNow();
        PromoteReport(account);
        if (CredentialReports.TryGetValue(account.Id, out var report) && now - report.GeneratedAt < TimeSpan.FromHours(4)) return "COMPLETE";
        if (GeneratingReports.ContainsKey(account.Id)) return "INPROGRESS";
        GeneratingReports[account.Id] = Snapshot(account);
        return "STARTED";
    }

    private StubResponse GetReport(FakeAccount account)
    {
        PromoteReport(account);
        var inProgress = GeneratingReports.ContainsKey(account.Id);
        if (!CredentialReports.TryGetValue(account.Id, out var report) || time.GetUtcNow() - report.GeneratedAt >= TimeSpan.FromHours(4))
        {
            return inProgress ? QueryError("iam", 404, "ReportInProgress", "Report generation in progress.")
                : report is null ? QueryError("iam", 410, "ReportNotPresent", "Credential report not present.")
                : QueryError("iam", 410, "ReportExpired", "Credential report is expired.");
        }

        var csv = ReportContent?.Invoke(report.Csv) ?? report.Csv;
        return QueryResult("iam", "GetCredentialReport", new XElement("Content", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(csv))),
            new XElement("ReportFormat", "text/csv"), new XElement("GeneratedTime", Iso(report.GeneratedAt)));
    }

    private void PromoteReport(FakeAccount account)
    {
        if (GeneratingReports.TryGetValue(account.Id, out var pending) && time.GetUtcNow() - pending.GeneratedAt >= ReportGenerationTime)
        {
            CredentialReports[account.Id] = pending;
            GeneratingReports.Remove(account.Id);
        }

        if (ReportReadyOnFirstRequest && !CredentialReports.ContainsKey(account.Id) && !GeneratingReports.ContainsKey(account.Id))
        {
            CaptureCredentialReport(account.Id);
        }
    }

    /// <summary>The report's CSV as IAM writes it: every column, the root row first, a key's slot by its place in the list.</summary>
    private FakeCredentialReport Snapshot(FakeAccount account)
    {
        static string Cell(string value) => value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : '"' + value.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';
        static string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture) : "N/A";
        var lines = new List<string>
        {
            "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
            "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
            "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
            "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
            $"<root_account>,arn:{Partition}:iam::{account.Id}:root,2019-01-01T00:00:00+00:00,not_supported,2025-01-01T00:00:00+00:00,not_supported,not_supported,true," +
            "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
        };
        foreach (var user in account.Users)
        {
            var cells = new List<string> { Cell(user.Name), Cell($"arn:{Partition}:iam::{account.Id}:user{user.Path}{user.Name}"),
                "2020-01-01T00:00:00+00:00", "false", "N/A", "N/A", "N/A", "false" };
            for (var slot = 0; slot < 2; slot++)
            {
                var key = slot < user.Keys.Count ? user.Keys[slot] : null;
                cells.AddRange(key is null ? ["false", "N/A", "N/A", "N/A", "N/A"] :
                [
                    key.Status == "Active" ? "true" : "false", When(key.Created), When(key.LastUsed),
                    key.LastUsed is null ? "N/A" : "us-east-1", key.LastUsed is null ? "N/A" : "iam",
                ]);
            }

            cells.AddRange(["false", "N/A", "false", "N/A"]);
            lines.Add(string.Join(',', cells));
        }

        return new FakeCredentialReport(time.GetUtcNow(), string.Join('\n', lines) + "\n");
    }
}

/// <summary>A credential report as generated at <see cref="GeneratedAt"/>: the CSV IAM serves base64-encoded.</summary>
internal sealed record FakeCredentialReport(DateTimeOffset GeneratedAt, string Csv);
