using System.Globalization;
using System.Text.Json.Nodes;

namespace KeyRotation.Testing.AwsStub;

internal sealed partial class FakeAwsCloud
{
    /// <summary>Organizations' MaxResults limit for the listings the stub serves.</summary>
    private const int OrganizationsMaxResults = 20;

    private StubResponse Organizations(StubRequest request)
    {
        if (!request.IsJson || request.Target?.StartsWith("AWSOrganizationsV20161128.", StringComparison.Ordinal) != true)
        {
            return JsonError(400, "UnknownOperationException", "bad target");
        }

        var input = request.Json;
        var token = request.JsonString("NextToken");
        switch (request.Action)
        {
            case "ListRoots":
                var root = new JsonObject
                {
                    ["Id"] = RootId,
                    ["Arn"] = $"arn:{Partition}:organizations::{CallerAccount}:root/o-example/{RootId}",
                    ["Name"] = "Root",
                    ["PolicyTypes"] = new JsonArray(),
                };
                return Paged(request, "Roots", [root], OrganizationsMaxResults);
            case "ListOrganizationalUnitsForParent":
                if (UnknownParent(request) is { } noUnitParent) return noUnitParent;
                var units = OrganizationalUnits.Values.Where(u => u.ParentId == request.JsonString("ParentId")).Select(u => (JsonNode)new JsonObject
                {
                    ["Id"] = u.Id,
                    ["Arn"] = $"arn:{Partition}:organizations::{CallerAccount}:ou/o-example/{u.Id}",
                    ["Name"] = u.Name,
                });
                return Paged(request, nameof(OrganizationalUnits), [.. units], OrganizationalUnitsPageSize);
            case "ListAccountsForParent":
                if (UnknownParent(request) is { } noAccountParent) return noAccountParent;
                var accounts = Accounts.Where(a => a.ParentId == request.JsonString("ParentId")).Select(a =>
                {
                    var account = new JsonObject
                    {
                        ["Id"] = a.Id,
                        ["Name"] = a.Name,
                        ["Arn"] = $"arn:{Partition}:organizations::{CallerAccount}:account/o-example/{a.Id}",
                        ["Email"] = $"{a.Id}@example.com",
                        ["JoinedTimestamp"] = 1.7e9,
                    };
                    if (a.State is not null) account["State"] = a.State;
                    if (a.Status is not null) account["Status"] = a.Status;
                    return (JsonNode)account;
                });
                return Paged(request, nameof(Accounts), [.. accounts], AccountsPageSize);
            case "DescribeAccount":
                var described = Accounts.FirstOrDefault(a => a.Id == request.JsonString("AccountId"));
                if (described is null) return JsonError(400, "AccountNotFoundException", "no such account");
                var body = new JsonObject
                {
                    ["Id"] = described.Id,
                    ["Name"] = described.Name,
                    ["Arn"] = $"arn:{Partition}:organizations::{CallerAccount}:account/o-example/{described.Id}",
                    ["Email"] = $"{described.Id}@example.com",
                };
                if (described.State is not null) body["State"] = described.State;
                if (described.Status is not null) body["Status"] = described.Status;
                return StubResponse.AwsJson(new JsonObject { ["Account"] = body }.ToJsonString());
            case "ListParents":
                var child = request.JsonString("ChildId");
                var parentId = Accounts.FirstOrDefault(a => a.Id == child)?.ParentId ?? OrganizationalUnits.GetValueOrDefault(child ?? "")?.ParentId;
                if (parentId is null) return JsonError(400, "ChildNotFoundException", "no such child");
                var parent = new JsonObject { ["Id"] = parentId, ["Type"] = parentId == RootId ? "ROOT" : "ORGANIZATIONAL_UNIT" };
                return Paged(request, "Parents", [parent], OrganizationsMaxResults);
            case "ListTagsForResource":
                var resource = input.GetProperty("ResourceId").GetString()!;
                var tags = Accounts.FirstOrDefault(a => a.Id == resource)?.Tags ?? OrganizationalUnits.GetValueOrDefault(resource)?.Tags;
                if (tags is null) return JsonError(400, "TargetNotFoundException", "no such target");
                // One tag per page, so every tag after the first needs a NextToken.
                var at = token is null ? 0 : int.Parse(token, CultureInfo.InvariantCulture);
                var list = tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
                var result = new JsonObject
                {
                    ["Tags"] = new JsonArray([.. list.Skip(at).Take(1).Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]),
                };
                if (at + 1 < list.Count) result["NextToken"] = (at + 1).ToString(CultureInfo.InvariantCulture);
                return StubResponse.AwsJson(result.ToJsonString());
            default:
                return JsonError(400, "InvalidAction", "unsupported " + request.Action);
        }
    }

    private StubResponse? UnknownParent(StubRequest request)
    {
        var parent = request.JsonString("ParentId");
        return parent == RootId || (parent is not null && OrganizationalUnits.ContainsKey(parent))
            ? null
            : JsonError(400, "ParentNotFoundException", "no such parent");
    }

    /// <summary>
    /// One page of <paramref name="items"/>: at most MaxResults (1 to 20, as Organizations enforces) and at most
    /// <paramref name="pageSize"/>, with an empty page after the first when <see cref="EmptyOrganizationsPage"/> is set.
    /// A token names the operation and parent it came from, so a token sent to another listing is refused.
    /// </summary>
    private StubResponse Paged(StubRequest request, string member, IReadOnlyList<JsonNode> items, int pageSize)
    {
        var input = request.Json;
        var maxResults = input.TryGetProperty("MaxResults", out var max) ? max.GetInt32() : OrganizationsMaxResults;
        if (maxResults is < 1 or > OrganizationsMaxResults) return JsonError(400, "InvalidInputException", "MaxResults out of range");

        var pages = items.Chunk(Math.Min(maxResults, pageSize)).ToList();
        if (EmptyOrganizationsPage && pages.Count > 1) pages.Insert(1, []);
        var scope = $"{request.Action}/{request.JsonString("ParentId")}/";
        var token = request.JsonString("NextToken");
        var index = 0;
        if (token is not null && (!token.StartsWith(scope, StringComparison.Ordinal)
            || !int.TryParse(token[scope.Length..], CultureInfo.InvariantCulture, out index) || index < 1 || index >= pages.Count))
        {
            return JsonError(400, "InvalidInputException", "the NextToken does not belong to this listing");
        }

        var page = new JsonObject { [member] = new JsonArray([.. pages.Count == 0 ? [] : pages[index].Select(i => i.DeepClone())]) };
        if (index + 1 < pages.Count) page["NextToken"] = scope + (index + 1).ToString(CultureInfo.InvariantCulture);
        return StubResponse.AwsJson(page.ToJsonString());
    }
}
