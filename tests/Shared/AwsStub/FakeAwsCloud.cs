using System.Collections.Concurrent;
using System.Globalization;
using System.Xml.Linq;

namespace KeyRotation.Testing.AwsStub;

internal sealed class FakeAccount(string id, string name, string parentId)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public string ParentId { get; } = parentId;
    /// <summary>Sent as State; null leaves it out (older responses).</summary>
    public string? State { get; set; } = "ACTIVE";
    /// <summary>The deprecated Status; sent when not null.</summary>
    public string? Status { get; set; }
    public Dictionary<string, string> Tags { get; } = [];
    public List<FakeUser> Users { get; } = [];
    public Dictionary<string, FakeSecret> Secrets { get; } = [];
}

internal sealed class FakeUser(string name, string path = "/")
{
    public string Name { get; } = name;
    public string Path { get; } = path;
    public Dictionary<string, string> Tags { get; } = [];
    public List<FakeKey> Keys { get; } = [];
}

internal sealed class FakeKey(string id, string secret, string status, DateTimeOffset created, DateTimeOffset? lastUsed = null)
{
    public string Id { get; } = id;
    public string Secret { get; } = secret;
    public string Status { get; set; } = status;
    public DateTimeOffset Created { get; } = created;
    public DateTimeOffset? LastUsed { get; } = lastUsed;
}

internal sealed class FakeSecret(string name, string arn)
{
    public string Name { get; } = name;
    public string Arn { get; } = arn;
    public string? Value { get; set; }
    public int Versions { get; set; }
    public Dictionary<string, string> Tags { get; } = [];
    public string? Policy { get; set; }
    public string? KmsKeyId { get; set; }
}

internal sealed record FakeOu(string Id, string Name, string ParentId, Dictionary<string, string> Tags);

internal sealed record PublishedMessage(string TopicArn, string? Subject, string Message, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// A small AWS: an organization with OUs and accounts, per-account IAM users and keys, secrets, an SNS topic and STS.
/// It answers the wire protocols (awsQuery XML, awsJson) so the real adapters can run against it, records every
/// request, and pages everything in small pages (with an empty page carrying a NextToken) so pagination is exercised.
/// </summary>
internal sealed partial class FakeAwsCloud(TimeProvider time)
{
    public const string RootId = "r-root";
    private readonly ConcurrentQueue<StubRequest> requests = new();
    private readonly ConcurrentQueue<PublishedMessage> published = new();
    private readonly Lock gate = new();
    private int counter;

    public string Partition { get; set; } = "aws";
    public string CallerAccount { get; set; } = "999999999999";
    public string CallerArn => $"arn:{Partition}:iam::{CallerAccount}:user/rotator";
    public string Region { get; set; } = "eu-west-1";
    public string? ExpectedExternalId { get; set; }
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);
    public List<FakeAccount> Accounts { get; } = [];
    public Dictionary<string, FakeOu> OrganizationalUnits { get; } = [];
    public HashSet<string> DeniedAccounts { get; } = [];
    /// <summary>Most accounts on a ListAccountsForParent page (MaxResults lowers it). Default 2.</summary>
    public int AccountsPageSize { get; set; } = 2;
    /// <summary>Most OUs on a ListOrganizationalUnitsForParent page (MaxResults lowers it). Default 2.</summary>
    public int OrganizationalUnitsPageSize { get; set; } = 2;
    /// <summary>An Organizations listing of more than one page gets an empty page with a NextToken after its first. Default true.</summary>
    public bool EmptyOrganizationsPage { get; set; } = true;
    public int IamPageSize { get; set; } = 2;

    /// <summary>When it returns a response, that response is sent instead (fault injection).</summary>
    public Func<StubRequest, StubResponse?>? Fault { get; set; }

    public IReadOnlyList<StubRequest> Requests => [.. requests];
    public IReadOnlyList<PublishedMessage> Published => [.. published];

    /// <summary>Issued session credentials: access key id to (account, secret, token).</summary>
    public ConcurrentDictionary<string, (string Account, string Secret, string Token)> Sessions { get; } = new();

    public FakeAccount Account(string id) => Accounts.Single(a => a.Id == id);

    public StubResponse Handle(StubRequest request)
    {
        requests.Enqueue(request);
        if (Fault?.Invoke(request) is { } fault) return fault;
        if (!request.IsSigned) return QueryError("iam", 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        lock (gate)
        {
            return request.SigningService switch
            {
                "organizations" => Organizations(request),
                "sts" => Sts(request),
                "iam" => WithMember(request, "iam", account => Iam(request, account)),
                "secretsmanager" => WithMember(request, "secretsmanager", account => SecretsManager(request, account)),
                "sns" => Sns(request),
                var other => new StubResponse(400, "unknown service " + other, "text/plain"),
            };
        }
    }

    private StubResponse WithMember(StubRequest request, string service, Func<FakeAccount, StubResponse> handle)
    {
        if (request.AccessKeyId is null || !Sessions.TryGetValue(request.AccessKeyId, out var session))
        {
            return service == "iam"
                ? QueryError("iam", 403, "InvalidClientTokenId", "The security token included in the request is invalid.")
                : JsonError(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (request.SecurityToken != session.Token)
        {
            return service == "iam"
                ? QueryError("iam", 403, "InvalidClientTokenId", "The security token included in the request is invalid.")
                : JsonError(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        return handle(Account(session.Account));
    }

    private string NextId(string prefix)
    {
        counter++;
        return prefix + counter.ToString("D12", CultureInfo.InvariantCulture);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, XNamespace> Namespaces = new()
    {
        ["iam"] = "https://iam.amazonaws.com/doc/2010-05-08/",
        ["sts"] = "https://sts.amazonaws.com/doc/2011-06-15/",
        ["sns"] = "http://sns.amazonaws.com/doc/2010-03-31/",
    };

    private static StubResponse QueryResult(string service, string action, params object[] content)
    {
        var ns = Namespaces[service];
        return StubResponse.Xml(new XElement(ns + (action + "Response"),
            new XElement(ns + (action + "Result"), StripNamespaces(ns, content)),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", Guid.NewGuid().ToString()))).ToString());
    }

    /// <summary>Elements are built without a namespace for brevity; move them into the service's.</summary>
    private static object[] StripNamespaces(XNamespace ns, object[] content)
    {
        foreach (var element in content.OfType<XElement>())
        {
            foreach (var e in element.DescendantsAndSelf()) e.Name = ns + e.Name.LocalName;
        }

        return content;
    }

    internal static StubResponse QueryError(string service, int status, string code, string message) =>
        StubResponse.Xml(new XElement(Namespaces[service] + "ErrorResponse",
            new XElement(Namespaces[service] + "Error",
                new XElement(Namespaces[service] + "Type", status >= 500 ? "Receiver" : "Sender"),
                new XElement(Namespaces[service] + "Code", code),
                new XElement(Namespaces[service] + "Message", message)),
            new XElement(Namespaces[service] + "RequestId", "req-" + code)).ToString(), status);

    internal static StubResponse JsonError(int status, string code, string message) =>
        StubResponse.AwsJson($$"""{"__type":"com.amazonaws.service#{{code}}","Message":{{System.Text.Json.JsonSerializer.Serialize(message)}}}""", status);

    private static XElement Members<T>(string name, IEnumerable<T> items, Func<T, object[]> content) =>
        new(name, items.Select(item => new XElement("member", content(item))));
}
