namespace KeyRotation.Aws.Endpoints;

/// <summary>Where one service's requests go and the region they are signed for.</summary>
internal sealed record ServiceEndpoint(AwsService Service, Uri Url, string SigningRegion, bool IsOverride);
