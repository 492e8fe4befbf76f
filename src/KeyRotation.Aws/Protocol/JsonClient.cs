using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Protocol;

/// <summary>
/// awsJson1_1 protocol (Organizations, Secrets Manager): JSON POST with <c>X-Amz-Target</c>, JSON response. Sends each
/// request once: retrying is the engine's pipeline's business, around each operation.
/// </summary>
internal sealed class JsonClient(HttpClient http, ServiceEndpoint endpoint, string targetPrefix)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");

    public ServiceEndpoint Endpoint => endpoint;

    /// <summary>Sends <paramref name="operation"/> and returns the response object (empty when the body is).</summary>
    /// <param name="secrets">Values to cut from any error detail.</param>
    public Task<JsonElement> SendAsync(
        string operation, JsonObject input, CancellationToken cancellationToken, IReadOnlyCollection<string>? secrets = null) =>
        SendAsync(operation, input, output => output, cancellationToken, secrets);

    /// <summary>Sends <paramref name="operation"/> and reads the response; a <see cref="FormatException"/> from
    /// <paramref name="read"/> becomes a final MalformedResponse error.</summary>
    public async Task<T> SendAsync<T>(string operation, JsonObject input, Func<JsonElement, T> read,
        CancellationToken cancellationToken, IReadOnlyCollection<string>? secrets = null)
    {
        var service = endpoint.Service.Name;
        var body = Encoding.UTF8.GetBytes(RelaxedJson.Write(input));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url);
        request.Headers.Add("X-Amz-Target", $"{targetPrefix}.{operation}");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = JsonContentType;
        var response = await AwsHttp.SendAsync(http, request, service, operation, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw AwsHttp.Failure(service, operation, response, secrets);

        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(response.Body) ? "{}" : response.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("not a JSON object");
            return read(document.RootElement.Clone());
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw AwsHttp.Malformed(service, operation, response, e);
        }
    }
}
