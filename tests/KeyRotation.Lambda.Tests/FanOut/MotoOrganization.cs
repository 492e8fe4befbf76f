using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace KeyRotation.Lambda.Tests.FanOut;

/// <summary>
/// Builds an organization in moto with plain HTTP: moto checks no signature, and takes the caller's account from
/// the access key in the Authorization header (an unknown key is its default account, the management account).
/// </summary>
internal sealed class MotoOrganization(string endpoint) : IDisposable
{
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";

    private readonly HttpClient http = new();

    public string RootId { get; private set; } = "";

    public async Task CreateAsync()
    {
        await OrganizationsAsync("CreateOrganization", new JsonObject { ["FeatureSet"] = "ALL" });
        var roots = await OrganizationsAsync("ListRoots", new JsonObject());
        RootId = (string)roots["Roots"]![0]!["Id"]!;
    }

    public async Task<string> UnitAsync(string name, string parentId, params (string Key, string Value)[] tags)
    {
        var unit = await OrganizationsAsync("CreateOrganizationalUnit", new JsonObject { ["ParentId"] = parentId, ["Name"] = name });
        var id = (string)unit["OrganizationalUnit"]!["Id"]!;
        await TagAsync(id, tags);
        return id;
    }

    public async Task<string> AccountAsync(string name, string parentId, params (string Key, string Value)[] tags)
    {
        var created = await OrganizationsAsync("CreateAccount", new JsonObject { ["AccountName"] = name, ["Email"] = name + "@example.com" });
        var id = (string)created["CreateAccountStatus"]!["AccountId"]!;
        if (parentId != RootId)
        {
            await OrganizationsAsync("MoveAccount", new JsonObject
            {
                ["AccountId"] = id, ["SourceParentId"] = RootId, ["DestinationParentId"] = parentId,
            });
        }

        await TagAsync(id, tags);
        return id;
    }

    public void Dispose() => http.Dispose();

    private async Task TagAsync(string resourceId, (string Key, string Value)[] tags)
    {
        if (tags.Length == 0) return;
        await OrganizationsAsync("TagResource", new JsonObject
        {
            ["ResourceId"] = resourceId,
            ["Tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]),
        });
    }

    private async Task<JsonNode> OrganizationsAsync(string operation, JsonObject input)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Add("X-Amz-Target", "AWSOrganizationsV20161128." + operation);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/20261129/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0");
        request.Content = new StringContent(input.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"moto {operation}: {(int)response.StatusCode} {body}");
        }

        return JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body)!;
    }
}
