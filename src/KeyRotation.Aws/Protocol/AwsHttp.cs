using System.Net.Http.Headers;
using Amazon.Runtime;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Protocol;

/// <summary>A response read in full; bodies stay inside the protocol clients and never reach an exception message.</summary>
internal sealed record AwsHttpResponse(int Status, HttpResponseHeaders Headers, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>Sends one signed request and turns every way it can fail into a <see cref="ServiceException"/>.</summary>
internal static class AwsHttp
{
    private const int MaxDetailLength = 300;

    /// <summary>The code of a request no endpoint answered (connection refused, name not resolved).</summary>
    public const string EndpointUnreachable = "EndpointUnreachable";

    public static async Task<AwsHttpResponse> SendAsync(
        HttpClient http, HttpRequestMessage request, string service, string operation, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new AwsHttpResponse((int)response.StatusCode, response.Headers, body);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ServiceException)
        {
            // Raised by credentials that assume a role on demand; already classified.
            throw;
        }
        catch (Exception e)
        {
            throw FromTransportFailure(service, operation, e);
        }
    }

    /// <summary>Throws the classified error for a non-2xx response. <paramref name="secrets"/> are cut from the detail.</summary>
    public static ServiceException Failure(
        string service, string operation, AwsHttpResponse response, IReadOnlyCollection<string>? secrets = null)
    {
        var error = AwsErrorResponse.Parse(response.Status, response.Headers, response.Body);
        var kind = FailureClassifier.Classify(error.Code, response.Status);
        return new ServiceException(service, operation, error.Code, kind, response.Status, error.RequestId, Detail(error.Message, secrets));
    }

    /// <summary>For a 2xx response whose body cannot be read: the call's effect is unknown, so it is not retried.</summary>
    public static ServiceException Malformed(string service, string operation, AwsHttpResponse response, Exception inner) =>
        new(service, operation, "MalformedResponse", FailureKind.Final, response.Status,
            AwsErrorResponse.Parse(response.Status, response.Headers, "").RequestId,
            "the response could not be read (" + inner.GetType().Name + ")");

    /// <summary>Connection failures and timeouts are transient; a failure to find credentials is final.</summary>
    public static ServiceException FromTransportFailure(string service, string operation, Exception e) => e switch
    {
        // Refused or unresolvable: the request never left, and retrying will not make the endpoint appear.
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } =>
            new ServiceException(service, operation, EndpointUnreachable, FailureKind.Unreachable,
                detail: Detail(e.Message, null), inner: e),
        HttpRequestException => new ServiceException(service, operation, "ConnectionError", FailureKind.Transient,
            detail: Detail(e.Message, null), inner: e),
        OperationCanceledException or TimeoutException => new ServiceException(service, operation, "Timeout",
            FailureKind.Transient, detail: "the request timed out", inner: e),
        AmazonServiceException ase => new ServiceException(service, operation, ase.ErrorCode ?? "CredentialsError",
            FailureClassifier.Classify(ase.ErrorCode ?? "", (int)ase.StatusCode), (int)ase.StatusCode, ase.RequestId,
            Detail(ase.Message, null), e),
        AmazonClientException => new ServiceException(service, operation, "CredentialsUnavailable", FailureKind.Final,
            detail: Detail(e.Message, null), inner: e),
        _ => new ServiceException(service, operation, e.GetType().Name, FailureKind.Final, detail: Detail(e.Message, null), inner: e),
    };

    internal static string? Detail(string? message, IReadOnlyCollection<string>? secrets)
    {
        if (string.IsNullOrWhiteSpace(message)) return null;
        var text = message.ReplaceLineEndings(" ").Trim();
        foreach (var secret in secrets ?? [])
        {
            if (secret.Length > 0) text = text.Replace(secret, "[secret]", StringComparison.Ordinal);
        }

        return text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "...";
    }
}
