using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using KeyRotation.Aws.Endpoints;

namespace KeyRotation.Aws.Protocol;

/// <summary>awsQuery protocol (IAM, SNS): form-encoded POST, XML response.</summary>
/// <param name="retry">Per-request retry. Default <see cref="RequestRetryPolicy.None"/>.</param>
/// <param name="beforeEachAttempt">Awaited before every HTTP attempt, retries included, e.g. a member account's IAM
/// request pacing: IAM meters each request it receives, a retried one too. Default null: attempts go out at once.</param>
internal sealed class QueryClient(HttpClient http, ServiceEndpoint endpoint, string apiVersion, RequestRetryPolicy? retry = null,
    Func<CancellationToken, ValueTask>? beforeEachAttempt = null)
{
    private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

    public ServiceEndpoint Endpoint => endpoint;

    /// <summary>Sends <paramref name="action"/> and returns its <c>&lt;ActionResult&gt;</c> element (empty when the action has none).</summary>
    /// <param name="secrets">Values to cut from any error detail.</param>
    public async Task<XElement> SendAsync(
        string action, QueryParameters parameters, CancellationToken cancellationToken, IReadOnlyCollection<string>? secrets = null)
    {
        var service = endpoint.Service.Name;
        var body = Encoding.UTF8.GetBytes(parameters.ToFormBody(action, apiVersion));
        var response = await (retry ?? RequestRetryPolicy.None).SendAsync(service, action, async () =>
        {
            if (beforeEachAttempt is not null) await beforeEachAttempt(cancellationToken).ConfigureAwait(false);
            // A fresh message per attempt: the signer writes its headers into the message, so each retry is signed anew.
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = FormContentType;
            var sent = await AwsHttp.SendAsync(http, request, service, action, cancellationToken).ConfigureAwait(false);
            return sent.IsSuccess ? sent : throw AwsHttp.Failure(service, action, sent, secrets);
        }, cancellationToken).ConfigureAwait(false);

        try
        {
            var root = XmlBodies.Parse(response.Body).Root ?? throw new FormatException("empty document");
            return root.Element(action + "Result") ?? new XElement(action + "Result");
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            throw AwsHttp.Malformed(service, action, response, e);
        }
    }
}
