using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace KeyRotation.Testing.AwsStub;

/// <summary>An in-memory transport: records every request that reaches it and answers through a function.</summary>
internal sealed class RecordingHandler(Func<StubRequest, StubResponse> respond) : HttpMessageHandler
{
    private readonly ConcurrentQueue<StubRequest> requests = new();

    public IReadOnlyList<StubRequest> Requests => [.. requests];

    public static RecordingHandler Always(StubResponse response) => new(_ => response);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers) headers[name] = string.Join(",", values);
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers) headers[name] = string.Join(",", values);
        }

        var stub = new StubRequest(request.Method.Method, request.RequestUri!, headers, body);
        requests.Enqueue(stub);
        var answer = respond(stub);
        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            Content = new StringContent(answer.Body, Encoding.UTF8, answer.ContentType),
            RequestMessage = request,
        };
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }
}
