using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace KeyRotation.Lambda.Logging;

/// <summary>One JSON object per line on stdout (Lambda sends stdout to CloudWatch Logs), with the invocation's scope.</summary>
internal static class HostLogging
{
    public const string Category = "KeyRotation.Lambda";

    public static ILoggerFactory Create(LogLevel minimum) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            .AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                options.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            }));
}
