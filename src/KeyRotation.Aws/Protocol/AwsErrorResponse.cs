using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;

namespace KeyRotation.Aws.Protocol;

/// <summary>
/// The code, message and request id of a failed call, read from either error shape: awsQuery XML
/// (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>) or JSON (<c>x-amzn-ErrorType</c> header, else <c>__type</c>
/// with any <c>namespace#</c> prefix removed).
/// </summary>
internal sealed record AwsErrorResponse(string Code, string? Message, string? RequestId)
{
    public static AwsErrorResponse Parse(int httpStatus, HttpResponseHeaders? headers, string body)
    {
        var requestId = Header(headers, "x-amzn-RequestId") ?? Header(headers, "x-amz-request-id");
        var headerCode = Header(headers, "x-amzn-ErrorType") is { } type ? StripCode(type) : null;
        var trimmed = body.TrimStart();
        AwsErrorResponse? parsed = null;
        if (trimmed.StartsWith('<')) parsed = FromXml(trimmed);
        else if (trimmed.StartsWith('{')) parsed = FromJson(trimmed);

        var code = headerCode ?? parsed?.Code;
        if (string.IsNullOrEmpty(code)) code = $"Http{httpStatus}";
        return new AwsErrorResponse(code, parsed?.Message, parsed?.RequestId ?? requestId);
    }

    /// <summary><c>Code:http://internal...</c> and <c>aws.protocoltests#Code</c> both become <c>Code</c>.</summary>
    internal static string StripCode(string raw)
    {
        var code = raw;
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0) code = code[..colon];
        var hash = code.LastIndexOf('#');
        if (hash >= 0) code = code[(hash + 1)..];
        return code.Trim();
    }

    private static AwsErrorResponse? FromXml(string body)
    {
        try
        {
            var root = XmlBodies.Parse(body).Root;
            var error = root?.DescendantsAndSelf("Error").FirstOrDefault(e => e.Element("Code") is not null);
            if (error is null) return null;
            var requestId = root!.Descendants().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
            return new AwsErrorResponse(error.Element("Code")!.Value.Trim(), error.Element("Message")?.Value, requestId);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static AwsErrorResponse? FromJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var type = String(root, "__type") ?? String(root, "code") ?? String(root, "Code");
            var message = String(root, "message") ?? String(root, "Message") ?? String(root, "errorMessage");
            return new AwsErrorResponse(type is null ? "" : StripCode(type), message, null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Header(HttpResponseHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
