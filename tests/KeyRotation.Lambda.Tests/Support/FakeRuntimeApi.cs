using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KeyRotation.Lambda.Tests.Support;

/// <summary>One event the fake hands out.</summary>
internal sealed record FakeEvent(
    string RequestId, string Payload, DateTimeOffset Deadline, string? TraceId = null,
    string? FunctionArn = "arn:aws:lambda:eu-west-1:111111111111:function:key-rotation");

/// <summary>A request the host made to the fake.</summary>
internal sealed record ReceivedPost(string Path, string Body, string? ErrorTypeHeader);

/// <summary>
/// The Lambda Runtime API in-process on 127.0.0.1 (HttpListener on a free port). It hands out its queued events,
/// then answers the next-invocation call with 410 Gone, which is how a test tells the host to stop.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private const string Base = "/2018-06-01/runtime/";
    private readonly HttpListener listener;
    private readonly ConcurrentQueue<FakeEvent> events;
    private readonly Task serving;

    public FakeRuntimeApi(params FakeEvent[] queued)
    {
        events = new ConcurrentQueue<FakeEvent>(queued);
        (listener, Address) = Listen();
        serving = Task.Run(ServeAsync);
    }

    /// <summary>host:port, as AWS_LAMBDA_RUNTIME_API gives it.</summary>
    public string Address { get; }

    public int NextCalls;

    public ConcurrentQueue<(string RequestId, string Body)> Responses { get; } = new();

    public ConcurrentQueue<(string RequestId, ReceivedPost Post)> Errors { get; } = new();

    public ConcurrentQueue<ReceivedPost> InitErrors { get; } = new();

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the pending GetContextAsync with one of these.
        }
    }

    private static (HttpListener, string) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var candidate = new HttpListener();
            candidate.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                candidate.Start();
                return (candidate, $"127.0.0.1:{port}");
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                candidate.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        if (request.HttpMethod == "GET" && path == Base + "invocation/next")
        {
            Interlocked.Increment(ref NextCalls);
            if (events.TryDequeue(out var next))
            {
                response.StatusCode = 200;
                response.AddHeader("Lambda-Runtime-Aws-Request-Id", next.RequestId);
                response.AddHeader("Lambda-Runtime-Deadline-Ms", next.Deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (next.TraceId is not null)
                {
                    response.AddHeader("Lambda-Runtime-Trace-Id", next.TraceId);
                }

                if (next.FunctionArn is not null)
                {
                    response.AddHeader("Lambda-Runtime-Invoked-Function-Arn", next.FunctionArn);
                }

                await WriteAsync(response, next.Payload);
            }
            else
            {
                response.StatusCode = 410;
                await WriteAsync(response, "{\"errorMessage\":\"no more events\"}");
            }

            return;
        }

        var post = new ReceivedPost(path, body, request.Headers["Lambda-Runtime-Function-Error-Type"]);
        if (request.HttpMethod == "POST" && path == Base + "init/error")
        {
            InitErrors.Enqueue(post);
        }
        else if (request.HttpMethod == "POST" && path.StartsWith(Base + "invocation/", StringComparison.Ordinal)
                 && path.EndsWith("/response", StringComparison.Ordinal))
        {
            Responses.Enqueue((RequestIdOf(path), body));
        }
        else if (request.HttpMethod == "POST" && path.StartsWith(Base + "invocation/", StringComparison.Ordinal)
                 && path.EndsWith("/error", StringComparison.Ordinal))
        {
            Errors.Enqueue((RequestIdOf(path), post));
        }
        else
        {
            response.StatusCode = 404;
            await WriteAsync(response, "");
            return;
        }

        response.StatusCode = 202;
        await WriteAsync(response, "{\"status\":\"OK\"}");
    }

    private static string RequestIdOf(string path) =>
        Uri.UnescapeDataString(path[(Base.Length + "invocation/".Length)..path.LastIndexOf('/')]);

    private static async Task WriteAsync(HttpListenerResponse response, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
