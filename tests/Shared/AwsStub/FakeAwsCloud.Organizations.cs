using System.Globalization;
using System.Text.Json.Nodes;

namespace KeyRotation.Testing.AwsStub;

internal sealed partial class FakeAwsCloud
{
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
            case "ListAccounts":
                var pages = Accounts.Chunk(AccountsPageSize).Select(p => p.ToList()).ToList();
                if (EmptyAccountsPage && pages.Count > 1) pages.Insert(1, []);
                var index = token is null ? 0 : int.Parse(token[5..], CultureInfo.InvariantCulture);
                var page = new JsonObject
                {
                    [nameof(Accounts)] = new JsonArray([.. pages.Count == 0 ? [] : pages[index].Select(a =>
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
                    })]),
                };
                if (index + 1 < pages.Count) page["NextToken"] = "page-" + (index + 1).ToString(CultureInfo.InvariantCulture);
                return StubResponse.AwsJson(page.ToJsonString());
            case "ListParents":
                var child = input.GetProperty("ChildId").GetString()!;
                var parent = Accounts.FirstOrDefault(a => a.Id == child)?.ParentId ?? OrganizationalUnits.GetValueOrDefault(child)?.ParentId;
                if (parent is null) return JsonError(400, "ChildNotFoundException", "no such child");
                return StubResponse.AwsJson(new JsonObject
                {
                    ["Parents"] = new JsonArray(new JsonObject
                    {
                        ["Id"] = parent,
                        ["Type"] = parent == RootId ? "ROOT" : "ORGANIZATIONAL_UNIT",
                    }),
                }.ToJsonString());
            case "DescribeOrganizationalUnit":
                var ou = OrganizationalUnits.GetValueOrDefault(input.GetProperty("OrganizationalUnitId").GetString()!);
                if (ou is null) return JsonError(400, "OrganizationalUnitNotFoundException", "no such OU");
                return StubResponse.AwsJson(new JsonObject
                {
                    ["OrganizationalUnit"] = new JsonObject { ["Id"] = ou.Id, ["Name"] = ou.Name, ["Arn"] = "arn:aws:organizations::x:ou/" + ou.Id },
                }.ToJsonString());
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
}
