using System.Text.Json;
using System.Text.RegularExpressions;

namespace KeyRotation.Testing.AwsStub;

/// <summary>One request as a stub saw it, with the SigV4 scope and the protocol fields pulled out.</summary>
internal sealed partial record StubRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? Authorization => Header("Authorization");

    public string? SecurityToken => Header("X-Amz-Security-Token");

    /// <summary>Credential=&lt;key&gt;/&lt;date&gt;/&lt;region&gt;/&lt;service&gt;/aws4_request, when SigV4-signed.</summary>
    public Match Scope => ScopePattern().Match(Authorization ?? "");

    public bool IsSigned => Scope.Success;

    public string? AccessKeyId => IsSigned ? Scope.Groups["key"].Value : null;

    public string? SigningRegion => IsSigned ? Scope.Groups["region"].Value : null;

    public string? SigningService => IsSigned ? Scope.Groups["service"].Value : null;

    public string? Target => Header("X-Amz-Target");

    public bool IsJson => Target is not null;

    /// <summary>The operation: from X-Amz-Target (awsJson) or the Action field (awsQuery).</summary>
    public string Action => Target is { } target ? target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..] : Field("Action") ?? "";

    /// <summary>The form fields, decoded the way AWS does (a raw '+' is a space).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form => IsJson || Body.Length == 0
        ? []
        : [.. Body.Split('&').Select(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            return KeyValuePair.Create(Decode(eq < 0 ? pair : pair[..eq]), eq < 0 ? "" : Decode(pair[(eq + 1)..]));
        })];

    public string? Field(string name) => Form.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();

    public JsonElement Json => JsonDocument.Parse(Body.Length == 0 ? "{}" : Body).RootElement.Clone();

    public string? JsonString(string name) => Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, SignedHeaders=(?<headers>[^,]+), Signature=(?<sig>[0-9a-f]{64})$")]
    private static partial Regex ScopePattern();
}

internal sealed record StubResponse(int Status, string Body, string ContentType, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static StubResponse Xml(string body, int status = 200) => new(status, body, "text/xml");

    public static StubResponse AwsJson(string body, int status = 200) => new(status, body, "application/x-amz-json-1.1");
}
