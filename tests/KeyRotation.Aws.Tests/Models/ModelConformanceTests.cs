using System.Text.Json;
using KeyRotation.Aws.Tests.Support;
using KeyRotation.Aws.Variables;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Models;

/// <summary>Every request the adapters send, held against botocore's models.</summary>
public sealed class ModelConformanceTests
{
    /// <summary>Every operation the adapters use; the flow below must send each of them at least once.</summary>
    private static readonly string[] OperationsUsed =
    [
        "organizations:ListRoots", "organizations:ListOrganizationalUnitsForParent", "organizations:ListAccountsForParent",
        "organizations:ListTagsForResource", "sts:GetCallerIdentity", "sts:AssumeRole", "iam:ListUsers", "iam:ListUserTags",
        "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed", "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey",
        "iam:GetUser", "iam:GetAccountAuthorizationDetails", "iam:GenerateCredentialReport", "iam:GetCredentialReport",
        "secretsmanager:CreateSecret", "secretsmanager:PutSecretValue", "secretsmanager:TagResource",
        "secretsmanager:PutResourcePolicy", "secretsmanager:DescribeSecret", "sns:Publish", "sts:GetAccessKeyInfo",
        "organizations:DescribeAccount", "organizations:ListParents",
    ];

    /// <summary>Runs every adapter operation against the fake cloud and returns what was sent.</summary>
    internal static async Task<IReadOnlyList<StubRequest>> RunEveryOperationAsync(AwsTestRig rig)
    {
        await rig.Adapters.Directory.ListAccountsAsync(CancellationToken.None);
        await rig.Adapters.Directory.DescribeAccountAsync(SmallOrganization.Web, CancellationToken.None);
        var web = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);
        var sandbox = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Sandbox, CancellationToken.None);
        await web.Identity.DiscoverUsersAsync(CancellationToken.None);
        var key = await web.Identity.CreateAccessKeyAsync("alice", CancellationToken.None);
        await web.Secrets.DescribeAsync("alice", CancellationToken.None);
        await web.Secrets.StoreAccessKeyAsync("alice", key, CancellationToken.None);
        await web.Secrets.StoreAccessKeyAsync("alice", key, CancellationToken.None);
        await web.Secrets.DescribeAsync("alice", CancellationToken.None);
        await web.Identity.UpdateAccessKeyStatusAsync("alice", "AKIAALICEEXAMPLE0001", AccessKeyStatus.Inactive, CancellationToken.None);
        await web.Identity.DeleteAccessKeyAsync("alice", "AKIAALICEEXAMPLE0001", CancellationToken.None);
        var daveKey = await sandbox.Identity.CreateAccessKeyAsync("dave", CancellationToken.None);
        await sandbox.Secrets.StoreAccessKeyAsync("dave", daveKey, CancellationToken.None);
        await sandbox.Identity.ReadUserAsync("dave", CancellationToken.None);
        // The incident actions' lookups: the key's account, its membership, its user.
        await rig.Adapters.AccessKeyInfo.AccountOfAccessKeyAsync(daveKey.AccessKeyId, CancellationToken.None);
        await rig.Adapters.Directory.DescribeAccountAsync(SmallOrganization.Sandbox, CancellationToken.None);
        await sandbox.Identity.FindAccessKeyOwnerAsync(daveKey.AccessKeyId, CancellationToken.None);

        // The web account was discovered in bulk (the default); discover the sandbox per key, through the same cloud.
        using (var perKey = AwsAdapters.Create(AwsTestRig.Settings with { Discovery = new() { Mode = DiscoveryMode.PerKey } }, rig.Time,
                   new DictionaryEnvironmentVariables(new Dictionary<string, string>()), TestCredentials.Central, rig.Transport))
        {
            var session = await perKey.AccountAccess.OpenAsync(SmallOrganization.Sandbox, CancellationToken.None);
            await session.Identity.DiscoverUsersAsync(CancellationToken.None);
        }

        await rig.Adapters.Notifier.PublishAsync(new Notification("Rotated", "Secret stored", new Dictionary<string, string>
        {
            ["event"] = "KeyCreated", ["account"] = SmallOrganization.Web, ["user"] = "alice", ["owner"] = "alice@example.com", ["severity"] = "info",
        }), CancellationToken.None);
        return rig.Cloud.Requests;
    }

    [ModelFact]
    public async Task EveryRequest_MatchesTheServiceModel()
    {
        using var rig = AwsTestRig.Create();

        var requests = await RunEveryOperationAsync(rig);

        var problems = new List<string>();
        foreach (var request in requests)
        {
            var model = ServiceModel.Load(request.SigningService!);
            var found = request.IsJson
                ? RequestValidator.ValidateJson(model, request.Action, request.Json)
                : RequestValidator.ValidateQuery(model, request.Form);
            problems.AddRange(found.Select(p => $"{request.SigningService}:{request.Action}: {p}"));
            if (request.IsJson)
            {
                var prefix = model.Metadata.GetProperty("targetPrefix").GetString();
                if (request.Target != $"{prefix}.{request.Action}") problems.Add($"{request.Target}: target prefix is not {prefix}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(OperationsUsed.Except(requests.Select(r => $"{r.SigningService}:{r.Action}")));
    }

    [ModelFact]
    public void Validator_ModelExampleInputs_Accepted()
    {
        var checkedExamples = 0;
        foreach (var used in OperationsUsed)
        {
            var (service, operation) = (used.Split(':')[0], used.Split(':')[1]);
            var model = ServiceModel.Load(service);
            foreach (var (input, _) in ModelExamples.Of(service, operation).Where(e => e.Input.ValueKind == JsonValueKind.Object))
            {
                var problems = model.Protocol == "json"
                    ? RequestValidator.ValidateJson(model, operation, input)
                    : ScalarForm(model, operation, input) is { } form ? RequestValidator.ValidateQuery(model, form) : null;
                if (problems is null) continue;
                Assert.True(problems.Count == 0, $"{used}: {string.Join("; ", problems)}");
                checkedExamples++;
            }
        }

        Assert.True(checkedExamples >= 10, $"only {checkedExamples} examples checked");
    }

    [ModelFact]
    public void Validator_BadRequests_Rejected()
    {
        var iam = ServiceModel.Load("iam");
        var organizations = ServiceModel.Load("organizations");
        var sns = ServiceModel.Load("sns");

        Assert.Contains("no operation", Single(RequestValidator.ValidateQuery(iam, Form("ListUserz"))));
        Assert.Contains("not one of", Single(RequestValidator.ValidateQuery(iam, Form("UpdateAccessKey", ("AccessKeyId", "AKIA123456789EXAMPLE"), ("Status", "Disabled")))));
        Assert.Contains("required member AccessKeyId", Single(RequestValidator.ValidateQuery(iam, Form("DeleteAccessKey", ("UserName", "bob")))));
        Assert.Contains("no such member", Single(RequestValidator.ValidateQuery(iam, Form("ListUsers", ("Username", "bob")))));
        Assert.Contains("above 1000", Single(RequestValidator.ValidateQuery(iam, Form("ListUsers", ("MaxItems", "5000")))));
        Assert.Contains("'Name' or 'Value'", Single(RequestValidator.ValidateQuery(sns, Form("Publish", ("Message", "m"),
            ("MessageAttributes.entry.1.Name", "a"), ("MessageAttributes.entry.1.Value.DataType", "String"), ("MessageAttributes.entry.1.Key", "x")))));
        Assert.Contains("indexes", Single(RequestValidator.ValidateQuery(sns, Form("Publish", ("Message", "m"),
            ("MessageAttributes.entry.2.Name", "a"), ("MessageAttributes.entry.2.Value.DataType", "String")))));
        using var missing = JsonDocument.Parse("{}");
        Assert.Contains("required member ParentId", Single(RequestValidator.ValidateJson(organizations, "ListAccountsForParent", missing.RootElement)));
        using var tooMany = JsonDocument.Parse("""{"ParentId":"r-root","MaxResults":50}""");
        Assert.Contains("above 20", Single(RequestValidator.ValidateJson(organizations, "ListOrganizationalUnitsForParent", tooMany.RootElement)));
    }

    private static string Single(IReadOnlyList<string> problems) => Assert.Single(problems);

    private static List<KeyValuePair<string, string>> Form(string action, params (string Name, string Value)[] fields) =>
        [KeyValuePair.Create("Action", action), KeyValuePair.Create("Version", ServiceModel.Load(action == "Publish" ? "sns" : "iam").ApiVersion),
            .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))];

    /// <summary>An example input as awsQuery fields, when it has only top-level scalars.</summary>
    private static List<KeyValuePair<string, string>>? ScalarForm(ServiceModel model, string operation, JsonElement input)
    {
        if (input.EnumerateObject().Any(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)) return null;
        return [KeyValuePair.Create("Action", operation), KeyValuePair.Create("Version", model.ApiVersion),
            .. input.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))];
    }
}
