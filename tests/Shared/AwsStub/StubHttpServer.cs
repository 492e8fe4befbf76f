using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KeyRotation.Testing.AwsStub;

/// <summary>An HTTP server on 127.0.0.1 (HttpListener) that answers every request through a function.</summary>
internal sealed class StubHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<StubRequest, StubResponse> respond;
    private readonly Task loop;

    public StubHttpServer(Func<StubRequest, StubResponse> respond)
    {
        this.respond = respond;
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url(string path = "") => new($"http://127.0.0.1:{Port}/{path}");

    /// <summary>A port nothing listens on, for connection-failure tests.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under the loop.
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

            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            StubResponse answer;
            try
            {
                answer = respond(new StubRequest(context.Request.HttpMethod, context.Request.Url!, headers, body));
            }
            catch (Exception e)
            {
                answer = new StubResponse(500, "stub failure: " + e.GetType().Name + ": " + e.Message, "text/plain");
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away.
        }
    }
}
