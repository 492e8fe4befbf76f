
using KeyRotation.Cli.Hosting;

namespace KeyRotation.Cli.Output;

/// <summary>
/// Writes an output file the only safe way: to a regular file or a new one, never through a symbolic link and never
/// into (or over) a FIFO or a device; the text goes to a temporary file in the same folder first and replaces the
/// target by a rename, so a reader sees the old file or the new one, never half of one.
/// </summary>
internal static class SafeFile
{
    /// <param name="option">The flag the path came from, for the message (e.g. --save-state).</param>
    /// <exception cref="InvalidInputException">The path is not a regular file, or its folder does not exist.</exception>
    public static string Check(string option, string path)
    {
        var kind = string.IsNullOrWhiteSpace(path) ? FileKind.Directory : FileKinds.Of(path);
        if (kind is not (FileKind.Missing or FileKind.Regular))
        {
            throw new InvalidInputException(
                $"{option}: cannot write '{path}': it is {FileKinds.Describe(kind)}; only a regular file is written, so nothing was replaced");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is null || !Directory.Exists(directory))
        {
            throw new InvalidInputException($"{option}: cannot write '{path}': its folder does not exist");
        }

        return path;
    }

    /// <exception cref="InvalidInputException">The target is not a regular file (checked again right before the rename).</exception>
    /// <exception cref="IOException">The text could not be written; the target is unchanged.</exception>
    public static async Task WriteAsync(string option, string path, string text, CancellationToken cancellationToken)
    {
        Check(option, path);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(text.AsMemory(), cancellationToken);
                await writer.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            // Something may have put a link or a FIFO there while the text was written.
            Check(option, path);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
