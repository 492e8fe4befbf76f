using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using KeyRotation.Aws.Endpoints;

namespace KeyRotation.Aws.Protocol;

/// <summary>
/// awsQuery protocol (IAM, SNS): form-encoded POST, XML response. Sends each request once: retrying is the engine's
/// pipeline's business, around each operation.
/// </summary>
/// <param name="beforeEachAttempt">Awaited before the request, e.g. a member account's IAM request pacing: IAM meters
/// each request it receives. Default null: the request goes out at once.</param>
internal sealed class QueryClient(HttpClient http, ServiceEndpoint endpoint, string apiVersion,
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
        if (beforeEachAttempt is not null) await beforeEachAttempt(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = FormContentType;
        var response = await AwsHttp.SendAsync(http, request, service, action, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw AwsHttp.Failure(service, action, response, secrets);

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
