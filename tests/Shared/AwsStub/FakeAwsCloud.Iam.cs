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
                        new XElement("Arn", UserArn(one)), new XElement("UserId", "AIDA"), new XElement("CreateDate", "2020-01-01T00:00:00Z")))
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
}
