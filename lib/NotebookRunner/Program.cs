using System.CommandLine;
using NotebookRunner;
using NotebookRunner.CommandLine;

// Thin entry point: signals become a cancellation, the command line picks the stages, Runner runs them.
using var termination = new Termination();
var commandLine = new RunnerCommandLine(async (options, cancellationToken) =>
{
    RepoLayout layout;
    try
    {
        layout = options.Repository.Resolve();
    }
    catch (Exception e) when (e is NotebookRunner.Configuration.ConfigException or DirectoryNotFoundException)
    {
        await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
        return ExitCodes.Usage;
    }
    return await new Runner(layout, Console.Out).RunAsync(options, cancellationToken).ConfigureAwait(false);
});
var parsed = commandLine.Root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message);
    }
    await Console.Error.WriteLineAsync("See --help.");
    return ExitCodes.Usage;
}
// ProcessTerminationTimeout = null: Termination owns SIGINT and SIGTERM (System.CommandLine would exit on its own timer).
var status = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, termination.Token);
return termination.ExitCode(status);
