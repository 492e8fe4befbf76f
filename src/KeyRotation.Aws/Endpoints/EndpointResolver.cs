
using KeyRotation.Aws.Variables;

namespace KeyRotation.Aws.Endpoints;

/// <summary>
/// Picks each service's endpoint. Precedence (as the AWS CLI): <c>--endpoint-url</c>, then
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, then <c>AWS_ENDPOINT_URL</c>, then the public endpoint; the environment is
/// ignored when <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c>. Overrides keep the signing region the public
/// endpoint would use, so an emulator sees the same SigV4 scope as AWS.
/// </summary>
internal sealed class EndpointResolver(string region, string? endpointUrl, IEnvironmentVariables environment)
{
    public string Region { get; } = region;

    /// <param name="partition">For the global services (IAM, Organizations); defaults to the region's partition.</param>
    /// <param name="regionOverride">For services addressed in another region (SNS topics live in their ARN's region).</param>
    public ServiceEndpoint Resolve(AwsService service, Partition? partition = null, string? regionOverride = null)
    {
        var serviceRegion = regionOverride ?? Region;
        partition ??= Partition.OfRegion(serviceRegion);
        var (host, signingRegion) = service switch
        {
            _ when service == AwsService.Iam => (partition.IamHost, partition.IamSigningRegion),
            _ when service == AwsService.Organizations =>
                ($"organizations.{partition.OrganizationsRegion}.{partition.DnsSuffix}", partition.OrganizationsRegion),
            _ => ($"{service.SigningName}.{serviceRegion}.{partition.DnsSuffix}", serviceRegion),
        };

        var configured = Configured(service);
        return configured is null
            ? new ServiceEndpoint(service, new Uri($"https://{host}/"), signingRegion, IsOverride: false)
            : new ServiceEndpoint(service, configured, signingRegion, IsOverride: true);
    }

    private Uri? Configured(AwsService service)
    {
        var text = endpointUrl;
        if (text is null && !string.Equals(environment.Get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            text = environment.Get("AWS_ENDPOINT_URL_" + service.EnvironmentKey) ?? environment.Get("AWS_ENDPOINT_URL");
        }

        if (text is null) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"Endpoint URL for {service.Name} is not an absolute http(s) URL: '{text}'.");
        }

        // A trailing slash keeps a path prefix (http://host/iam) from being replaced when requests post to "".
        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
