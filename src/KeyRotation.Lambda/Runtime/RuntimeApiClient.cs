using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace KeyRotation.Lambda.Runtime;

/// <summary>Speaks the Runtime API over HTTP at <c>http://{AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/</c>.</summary>
internal sealed class RuntimeApiClient : IRuntimeApiClient
{
    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient http;
    private readonly Uri baseUri;

    /// <param name="http">Its timeout must be infinite: the next-invocation call waits as long as Lambda has no event.</param>
    public RuntimeApiClient(HttpClient http, string runtimeApi)
    {
        this.http = http;
        baseUri = new Uri($"http://{runtimeApi}/2018-06-01/runtime/", UriKind.Absolute);
    }

    /// <summary>Whether <paramref name="runtimeApi"/> (AWS_LAMBDA_RUNTIME_API) makes a usable base address.</summary>
    public static bool IsValidAddress(string runtimeApi) =>
        runtimeApi.Length > 0
        && Uri.TryCreate($"http://{runtimeApi}/2018-06-01/runtime/", UriKind.Absolute, out var uri)
        && uri.Host.Length > 0 && uri.AbsolutePath == "/2018-06-01/runtime/" && uri.UserInfo.Length == 0;

    public async Task<Invocation?> NextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(baseUri, "invocation/next"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var requestId = Header(response, RequestIdHeader)
            ?? throw new InvalidOperationException($"the Runtime API sent an event without {RequestIdHeader}");
        var deadline = long.TryParse(Header(response, DeadlineHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw new InvalidOperationException($"the Runtime API sent request {requestId} without a valid {DeadlineHeader}");
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new Invocation(requestId, deadline, Header(response, TraceIdHeader), Header(response, FunctionArnHeader), payload);
    }

    public Task PostResponseAsync(string requestId, byte[] response, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(response);
        content.Headers.ContentType = Json;
        return PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, null, cancellationToken);
    }

    public Task PostInvocationErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", ErrorContent(error), error.ErrorType, cancellationToken);

    public Task PostInitErrorAsync(RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync("init/error", ErrorContent(error), error.ErrorType, cancellationToken);

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"the Runtime API refused POST {path}: HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }
    }

    private static ByteArrayContent ErrorContent(RuntimeError error)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.RuntimeError));
        content.Headers.ContentType = Json;
        return content;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
