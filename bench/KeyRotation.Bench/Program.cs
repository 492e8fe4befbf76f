using KeyRotation.Bench;
using KeyRotation.Bench.Options;

try
{
    var options = BenchOptionsParser.Parse(args);
    return await BenchRunner.RunAsync(options, Environment.CommandLine);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    await Console.Error.WriteLineAsync(BenchOptionsParser.Usage);
    return 2;
}
