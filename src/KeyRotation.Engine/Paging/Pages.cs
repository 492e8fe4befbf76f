using KeyRotation.Engine.Ports;

namespace KeyRotation.Engine.Paging;

/// <summary>Walks every page of a listing operation, one operation call per page, in order.</summary>
internal static class Pages
{
    /// <summary>Every item of every page, starting without a marker and following each page's marker to the last page.</summary>
    /// <exception cref="ServiceException">Final PaginationLoop when a page hands back the marker it was asked with,
    /// which would never end.</exception>
    public static async Task<IReadOnlyList<T>> AllAsync<T>(
        string service, string operation, Func<string?, CancellationToken, Task<Page<T>>> page, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? marker = null;
        while (true)
        {
            var next = await page(marker, cancellationToken).ConfigureAwait(false);
            items.AddRange(next.Items);
            if (next.NextMarker is null) return items;
            if (next.NextMarker == marker)
            {
                throw new ServiceException(service, operation, "PaginationLoop", FailureKind.Final,
                    detail: "the service returned the same page token twice");
            }

            marker = next.NextMarker;
        }
    }
}
