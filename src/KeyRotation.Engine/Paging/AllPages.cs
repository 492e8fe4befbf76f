using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Paging;

/// <summary>Follows a listing operation's markers to the last page; each page is one request of the operation port.</summary>
internal static class AllPages
{
    /// <summary>
    /// Every item of every page, in order. Keeps asking while a marker comes back, even after an empty page
    /// (Organizations documents those); a service that hands back the marker it was given would never end, so that
    /// is a final error.
    /// </summary>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(
        string service, string operation, Func<string?, CancellationToken, Task<Page<T>>> read, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? marker = null;
        do
        {
            var page = await read(marker, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            if (page.NextMarker is not null && page.NextMarker == marker)
            {
                throw new ServiceException(service, operation, "PaginationLoop", FailureKind.Final,
                    detail: "the service returned the same page token twice");
            }

            marker = page.NextMarker;
        }
        while (marker is not null);

        return items;
    }
}
