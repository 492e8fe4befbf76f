using KeyRotation.Bench;
using KeyRotation.Bench.Options;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptionsParser.Usage);
    return 0;
}

try
{
    var options = BenchOptionsParser.Parse(args);
    return await BenchRunner.RunAsync(options, ("dotnet run -c Release --project bench/KeyRotation.Bench -- " + string.Join(' ', args)).TrimEnd());
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    await Console.Error.WriteLineAsync(BenchOptionsParser.Usage);
    return 2;
}
