using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Protocol;

/// <summary>Guards page loops against a service that hands back the token it was given, which would never end.</summary>
internal static class Pagination
{
    public static void EnsureProgress(string service, string operation, string? previous, string? next)
    {
        if (next is not null && next == previous)
        {
            throw new ServiceException(service, operation, "PaginationLoop", FailureKind.Final,
                detail: "the service returned the same page token twice");
        }
    }
}
