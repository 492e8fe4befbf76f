using System.Runtime.InteropServices;
using KeyRotation.Cli.Options;

namespace KeyRotation.Cli.Output;

/// <summary>
/// Writes a report file only where a regular file is or may be made: never through a symbolic link (a link planted in
/// a shared folder would send the page elsewhere) and never into a device, FIFO or socket. The text goes to a
/// temporary file beside the target, then a rename replaces the target's directory entry, so even a link or device
/// appearing after the check is replaced, not written through, and a crash never leaves half a page.
/// </summary>
internal static partial class RegularFile
{
    /// <summary>Checked before anything is discovered, so a bad path costs nothing.</summary>
    /// <exception cref="InvalidInputException">The path is empty, its folder is missing, or it names something other than a regular file.</exception>
    public static string Check(string option, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidInputException($"{option}: the file name is empty");
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InvalidInputException($"{option}: '{path}' is not a usable file name: {e.Message}", e);
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new InvalidInputException($"{option}: cannot write '{path}': its folder does not exist");
        }

        if (KindOf(full) is { } kind and not "regular file")
        {
            throw new InvalidInputException(
                $"{option}: '{path}' is a {kind}, not a regular file; refusing to write the report there (name a new or regular file)");
        }

        return full;
    }

    /// <exception cref="InvalidInputException">The target stopped being a regular file since the check, or could not be written.</exception>
    public static async Task WriteAsync(string option, string path, string text, CancellationToken cancellationToken)
    {
        var full = Check(option, path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(text.AsMemory(), cancellationToken);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new InvalidInputException($"{option}: cannot write '{path}': {e.Message}", e);
        }
    }

    /// <summary>What the path names, without following a link: null when nothing is there.</summary>
    internal static string? KindOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            return info.LinkTarget is not null ? "symbolic link"
                : Directory.Exists(path) ? "directory"
                : info.Exists ? "regular file"
                : null;
        }

        // lstat through the runtime's own native shim, whose FileStatus starts with int Flags, int Mode on every
        // Unix; .NET's managed file APIs report devices and FIFOs as "Normal" files.
        Span<byte> status = stackalloc byte[StatusBufferBytes];
        if (LStat(path, status) != 0)
        {
            return null;
        }

        return (BitConverter.ToInt32(status[4..8]) & FileTypeMask) switch
        {
            RegularFileType => "regular file",
            DirectoryType => "directory",
            SymbolicLinkType => "symbolic link",
            CharacterDeviceType => "character device",
            BlockDeviceType => "block device",
            FifoType => "FIFO",
            _ => "socket or other special file",
        };
    }

    /// <summary>Larger than the runtime's FileStatus (about 120 bytes), so a later field never writes past it.</summary>
    private const int StatusBufferBytes = 512;

    private const int FileTypeMask = 0xF000;
    private const int FifoType = 0x1000;
    private const int CharacterDeviceType = 0x2000;
    private const int DirectoryType = 0x4000;
    private const int BlockDeviceType = 0x6000;
    private const int RegularFileType = 0x8000;
    private const int SymbolicLinkType = 0xA000;

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, Span<byte> output);
}
