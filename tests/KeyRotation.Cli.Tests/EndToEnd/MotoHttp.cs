using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using KeyRotation.Testing.AwsStub;
using KeyRotation.Testing.Moto;

namespace KeyRotation.Cli.Tests.EndToEnd;

/// <summary>Seeds moto over plain HTTP; <c>x-moto-account-id</c> picks the account a call acts in.</summary>
internal sealed class MotoSeed(string endpoint) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri(endpoint) };

    public async Task<JsonElement> JsonAsync(string service, string target, string body, string account = MotoServer.DefaultAccountId)
    {
        using var request = Request(service, account);
        request.Headers.Add("X-Amz-Target", target);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{target}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<XElement> QueryAsync(string service, string account, params (string Name, string Value)[] form)
    {
        using var request = Request(service, account);
        request.Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{form[0].Value}: {text}");
        return XElement.Parse(text);
    }

    public async Task<Dictionary<string, string>> KeysAsync(string account, string user)
    {
        var listed = await QueryAsync("iam", account, ("Action", "ListAccessKeys"), ("Version", "2010-05-08"), ("UserName", user));
        return listed.Descendants().Where(e => e.Name.LocalName == "member").ToDictionary(
            m => m.Elements().First(e => e.Name.LocalName == "AccessKeyId").Value,
            m => m.Elements().First(e => e.Name.LocalName == "Status").Value);
    }

    public void Dispose() => http.Dispose();

    private static HttpRequestMessage Request(string service, string account)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/");
        // moto routes by the credential scope's service; the signature itself is not checked.
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=AKIAEXAMPLESEEDING01/20261207/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0");
        request.Headers.Add("x-moto-account-id", account);
        return request;
    }
}

/// <summary>
/// Forwards every request to moto and notes its service and action, in order; optionally rewrites moto's answer
/// (<see cref="Rewrite"/>) and holds each IAM answer back for <see cref="IamDelay"/> after moto has acted on it.
/// </summary>
internal sealed class CountingProxy : IDisposable
{
    private static readonly string[] Forwarded = ["Authorization", "X-Amz-Target", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-SHA256"];
    private readonly HttpClient http;
    private readonly StubHttpServer server;
    private readonly ConcurrentQueue<string> requests = new();
    private readonly ConcurrentQueue<string> answered = new();
    private readonly Stopwatch since = Stopwatch.StartNew();

    public CountingProxy(string endpoint)
    {
        http = new HttpClient { BaseAddress = new Uri(endpoint) };
        server = new StubHttpServer(Forward);
    }

    public string Url => server.Url().ToString().TrimEnd('/');

    public IReadOnlyList<string> Requests => [.. requests];

    /// <summary>"service Action" of every request moto has answered (before any <see cref="IamDelay"/>).</summary>
    public IReadOnlyList<string> Answered => [.. answered];

    /// <summary>Rewrites moto's answer body to a request before it is returned.</summary>
    public Func<StubRequest, string, string>? Rewrite { get; init; }

    /// <summary>How long each IAM answer is held back once moto has acted, so a run lasts long enough to be signalled.</summary>
    public TimeSpan IamDelay { get; init; }

    public void Dispose()
    {
        server.Dispose();
        http.Dispose();
    }

    private StubResponse Forward(StubRequest request)
    {
        requests.Enqueue($"{request.SigningService} {request.Action} (+{since.ElapsedMilliseconds} ms)");
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url.PathAndQuery);
        foreach (var name in Forwarded)
        {
            if (request.Header(name) is { } value) message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Content = new StringContent(request.Body, Encoding.UTF8);
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(
            request.Header("Content-Type") ?? "application/x-www-form-urlencoded");
        using var response = http.Send(message);
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        answered.Enqueue($"{request.SigningService} {request.Action}");
        if (Rewrite is not null) body = Rewrite(request, body);
        if (IamDelay > TimeSpan.Zero && request.SigningService == "iam") Thread.Sleep(IamDelay);
        return new StubResponse((int)response.StatusCode, body,
            response.Content.Headers.ContentType?.ToString() ?? "text/xml");
    }
}
