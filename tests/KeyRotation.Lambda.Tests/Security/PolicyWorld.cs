using System.Text.Json.Nodes;
using KeyRotation.Lambda.Tests.Templates;

namespace KeyRotation.Lambda.Tests.Security;

/// <summary>
/// One deployment, as the evaluator tests see it: a central account and a member account in one organization, the
/// templates resolved with these parameters, and requests built the way AWS would present them to IAM (the
/// principal's ARN, account and organization in the request context).
/// </summary>
internal static class PolicyWorld
{
    public const string Organization = "o-exampleorg1";
    public const string OtherOrganization = "o-otherorg000";
    public const string CentralAccount = "111111111111";
    public const string MemberAccount = "222222222222";
    public const string Region = "eu-west-1";
    public const string ExternalId = "external-id-EXAMPLE";
    public const string StackName = "key-rotation";

    public const string CentralRoleArn = "arn:aws:iam::111111111111:role/key-rotation-FunctionRole-EXAMPLE";
    public const string CentralSession = "arn:aws:sts::111111111111:assumed-role/key-rotation-FunctionRole-EXAMPLE/key-rotation";
    public const string FunctionArn = "arn:aws:lambda:eu-west-1:111111111111:function:key-rotation-key-rotation";
    public const string MemberRoleArn = "arn:aws:iam::222222222222:role/KeyRotationMemberRole";
    public const string MemberSession = "arn:aws:sts::222222222222:assumed-role/KeyRotationMemberRole/key-rotation";
    public const string OperatorPrincipalArn = "arn:aws:iam::111111111111:role/key-rotation-operator";
    public const string OperatorRoleArn = "arn:aws:iam::222222222222:role/KeyRotationOperatorRole";
    public const string OperatorSession = "arn:aws:sts::222222222222:assumed-role/KeyRotationOperatorRole/alice-laptop";
    public const string BreakGlassRoleArn = "arn:aws:iam::222222222222:role/break-glass";
    public const string SecretsKeyArn = "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string TopicArn = "arn:aws:sns:eu-west-1:111111111111:key-rotation-Topic-EXAMPLE";
    public const string QueueArn = "arn:aws:sqs:eu-west-1:111111111111:key-rotation-DeadLetterQueue-EXAMPLE";
    public const string IncidentBusName = "key-rotation-incidents";
    public const string IncidentBusArn = "arn:aws:events:eu-west-1:111111111111:event-bus/key-rotation-incidents";

    public const string ManagedPath = "/managed/";
    public const string ManagedTagKey = "key-rotation:scope";
    public const string ManagedTagValue = "rotate";
    public static readonly string[] PlaintextSubscribers = ["secops@example.com", "https://hooks.example.com/keys"];

    /// <summary>The member template with a narrowed scope, the operator role and the secrets key all switched on.</summary>
    public static Dictionary<string, string> MemberParameters() => new()
    {
        ["CentralRoleArn"] = CentralRoleArn,
        ["ExternalId"] = ExternalId,
        ["OrganizationId"] = Organization,
        ["ManagedUserPath"] = ManagedPath,
        ["ManagedUserTagKey"] = ManagedTagKey,
        ["ManagedUserTagValue"] = ManagedTagValue,
        ["OperatorPrincipalArn"] = OperatorPrincipalArn,
        ["SecretsKeyAlias"] = "alias/key-rotation-secrets",
    };

    public static CfnResolver Member(Dictionary<string, string>? parameters = null) =>
        new(Templates.Templates.MemberRole, parameters ?? MemberParameters(),
            new Dictionary<string, string> { ["SecretsKey.Arn"] = SecretsKeyArn, ["SecretsKey"] = SecretsKeyArn.Split('/')[^1] },
            MemberAccount, Region, "StackSet-key-rotation-member-role-EXAMPLE");

    /// <summary>The central template in plaintext mode with its subscribers named.</summary>
    public static Dictionary<string, string> CentralParameters() => new()
    {
        ["CodeBucket"] = "artifacts-EXAMPLE",
        ["ExternalId"] = ExternalId,
        ["SecretDelivery"] = "notification",
        ["PlaintextSubscribers"] = string.Join(',', PlaintextSubscribers),
    };

    public static CfnResolver Central(Dictionary<string, string>? parameters = null) =>
        new(Templates.Templates.Central, parameters ?? CentralParameters(),
            new Dictionary<string, string>
            {
                ["Topic"] = TopicArn,
                ["AuditTable"] = "key-rotation-AuditTable-EXAMPLE",
                ["DeadLetterQueue"] = "https://sqs.eu-west-1.amazonaws.com/111111111111/key-rotation-DeadLetterQueue-EXAMPLE",
                ["FunctionLogGroup"] = "/aws/lambda/key-rotation-key-rotation",
                ["FunctionRole.Arn"] = CentralRoleArn,
                ["Function.Arn"] = FunctionArn,
                ["SchedulerRole.Arn"] = "arn:aws:iam::111111111111:role/key-rotation-SchedulerRole-EXAMPLE",
                ["DeadLetterQueue.Arn"] = QueueArn,
                ["AuditTable.Arn"] = "arn:aws:dynamodb:eu-west-1:111111111111:table/key-rotation-AuditTable-EXAMPLE",
                ["AuditDigestBucket"] = "key-rotation-auditdigestbucket-example",
                ["AuditDigestBucket.Arn"] = "arn:aws:s3:::key-rotation-auditdigestbucket-example",
                ["FanOutBucket"] = "key-rotation-fanoutbucket-example",
                ["FanOutBucket.Arn"] = "arn:aws:s3:::key-rotation-fanoutbucket-example",
                ["OrganizationsTurnsTable"] = "key-rotation-OrganizationsTurnsTable-EXAMPLE",
                ["OrganizationsTurnsTable.Arn"] = "arn:aws:dynamodb:eu-west-1:111111111111:table/key-rotation-OrganizationsTurnsTable-EXAMPLE",
                ["StateMachineRole.Arn"] = "arn:aws:iam::111111111111:role/key-rotation-StateMachineRole-EXAMPLE",
                ["Key.Arn"] = "arn:aws:kms:eu-west-1:111111111111:key/0000abcd-12ab-34cd-56ef-1234567890ab",
                ["FunctionLogGroup.Arn"] = "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/lambda/key-rotation-key-rotation:*",
                ["IncidentEventBus"] = IncidentBusName,
                ["IncidentEventBus.Arn"] = IncidentBusArn,
            },
            CentralAccount, Region, StackName);

    /// <summary>A role's identity policies (inline), each as the evaluator takes them.</summary>
    public static JsonArray IdentityPolicies(CfnResolver template, string role) =>
        new([
            .. template.Properties(role)["Policies"]!.AsArray().Select(p => (JsonNode)new JsonObject
            {
                ["name"] = (string)p!["PolicyName"]!,
                ["policy"] = Document(p["PolicyDocument"]!),
            }),
        ]);

    public static JsonNode Trust(CfnResolver template, string role) => Document(template.Properties(role)["AssumeRolePolicyDocument"]!);

    /// <summary>A policy an attacker or an administrator writes, as identity policy.</summary>
    public static JsonArray Identity(string name, params JsonObject[] statements) =>
        [new JsonObject { ["name"] = name, ["policy"] = Policy(statements) }];

    public static JsonObject Policy(params JsonObject[] statements) =>
        new() { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray([.. statements]) };

    public static JsonObject Allow(string action, string resource = "*") =>
        new() { ["Effect"] = "Allow", ["Action"] = action, ["Resource"] = resource };

    public static string UserArn(string path, string name, string account = MemberAccount) => $"arn:aws:iam::{account}:user{path}{name}";

    public static string SecretArn(string user, string region = Region) =>
        $"arn:aws:secretsmanager:{region}:{MemberAccount}:secret:key-rotation/{user}-AbCdEf";

    /// <summary>
    /// Asks the evaluator. The context gets what AWS puts there for every signed request (principal ARN and account,
    /// the organization, TLS); <paramref name="context"/> adds or overrides keys.
    /// </summary>
    public static string Decide(
        string principal, string action, string resource, JsonArray? identityPolicies = null, JsonNode? resourcePolicy = null,
        IReadOnlyDictionary<string, string>? context = null, string principalOrganization = Organization, string? resourceAccount = null)
    {
        var request = new JsonObject
        {
            ["principal"] = principal,
            ["action"] = action,
            ["resource"] = resource,
            ["resourceAccount"] = resourceAccount ?? resource.Split(':')[4],
            ["identityPolicies"] = identityPolicies?.DeepClone() ?? new JsonArray(),
            ["resourcePolicy"] = resourcePolicy?.DeepClone(),
            ["context"] = Context(principal, principalOrganization, context),
        };
        return IamSimulator.Decide(request);
    }

    /// <summary>The IAM ARN a request's principal is known by: a role session's role, or the user itself.</summary>
    public static string PrincipalArn(string principal)
    {
        var parts = principal.Split(':');
        if (parts[2] != "sts") return principal;
        var role = parts[5].Split('/')[1];
        return $"arn:aws:iam::{parts[4]}:role/{role}";
    }

    private static JsonObject Context(string principal, string organization, IReadOnlyDictionary<string, string>? extra)
    {
        var context = new JsonObject
        {
            ["aws:PrincipalArn"] = PrincipalArn(principal),
            ["aws:PrincipalAccount"] = principal.Split(':')[4],
            ["aws:PrincipalOrgID"] = organization,
            ["aws:SecureTransport"] = "true",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            context[key] = value;
        }

        return context;
    }

    private static JsonNode Document(JsonNode document) =>
        document is JsonValue text && text.TryGetValue<string>(out var json) ? JsonNode.Parse(json)! : document.DeepClone();
}
