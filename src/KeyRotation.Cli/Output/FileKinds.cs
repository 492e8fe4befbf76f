using System.Runtime.InteropServices;

namespace KeyRotation.Cli.Output;

/// <summary>What a path names, without following a symbolic link.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, a character or block device, or a socket: writing there is not writing a file.</summary>
    Special,
}

/// <summary>
/// Tells a regular file from a FIFO or a device, which .NET's file APIs do not: on Linux through statx(2), whose
/// layout is the same on every architecture. Elsewhere (no statx) only links and folders are told apart, and any
/// other existing entry that is not a plain file by .NET's reckoning is treated as special.
/// </summary>
internal static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int FileTypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int LinkType = 0xA000;

    public static FileKind Of(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileKind.SymbolicLink;
        }

        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }

        if (!info.Exists)
        {
            return FileKind.Missing;
        }

        return OperatingSystem.IsLinux() && Statx(path) is { } mode
            ? (mode & FileTypeMask) switch
            {
                RegularType => FileKind.Regular,
                DirectoryType => FileKind.Directory,
                LinkType => FileKind.SymbolicLink,
                _ => FileKind.Special,
            }
            : FileKind.Regular;
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Special => "a FIFO, device or socket",
        _ => "a file",
    };

    private static int? Statx(string path)
    {
        var buffer = new byte[256];
        try
        {
            return statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) == 0
                ? BitConverter.ToUInt16(buffer, ModeOffset)
                : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}
